import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leanPreact, preactSrc } from '../lean-preact.mjs';

const uiSrc = join(import.meta.dirname, '..', 'src');
const sources = (readdirSync(preactSrc, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
const transformed = (file: string) => {
  const id = join(preactSrc, file);
  return leanPreact(uiSrc).transform(readFileSync(id, 'utf8'), id)?.code ?? '';
};

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('the lean Preact of assent-ui.js', () => {
  it("resolves preact to its sources and edits all of them without an error (every edit matches the pinned version)", () => {
    const plugin = leanPreact(uiSrc);
    expect(plugin.resolveId('preact')).toBe(join(preactSrc, 'index.js'));
    expect(plugin.resolveId('./app.js')).toBeNull();
    expect(() => plugin.buildStart()).not.toThrow();
    for (const file of sources) expect(() => transformed(file), file).not.toThrow();
  });

  it('leaves no innerHTML, option hook or hydration path in the diff', () => {
    const diff = transformed('diff/index.js');
    expect(diff).not.toMatch(/'dangerouslySetInnerHTML'/);
    expect(diff).not.toMatch(/options\.(?:vnode|_diff|diffed|_render|_commit|unmount)\b/);
    expect(diff).not.toMatch(/\b(?:excessDomChildren|isHydrating)\b/);
  });

  it('fails the build when an edit no longer matches its source (a Preact upgrade)', () => {
    const id = join(preactSrc, 'component.js');
    const changed = readFileSync(id, 'utf8').replace('BaseComponent.prototype.forceUpdate', 'BaseComponent.prototype.refresh');
    expect(() => leanPreact(uiSrc).transform(changed, id)).toThrow(/component\.js: the edit dropping forceUpdate no longer matches/);
  });

  it.each([
    ['dangerouslySetInnerHTML', 'export const X = () => <p dangerouslySetInnerHTML={{ __html: "" }} />;'],
    ['a style prop', 'export const X = () => <p style={{ color: "red" }} />;'],
    ['a form control', 'export const X = () => <input value="1" />;'],
    ['a function ref', 'export const X = () => <p ref={(el) => el} />;'],
    ['a setState updater', 'class X { go() { this.setState((s) => s); } }'],
    ['an attribute-only prop', 'export const X = () => <a download="file.txt" />;'],
    ['a capture-phase handler', 'export const X = () => <p onClickCapture={() => {}} />;'],
    ['a dropped lifecycle', 'class X { shouldComponentUpdate() { return true; } }'],
    ["Preact's options", "import { options } from 'preact';"],
  ])('fails the build when a UI source uses %s', (_, code) => {
    scratch = mkdtempSync(join(tmpdir(), 'lean-preact-'));
    writeFileSync(join(scratch, 'view.tsx'), code);
    expect(() => leanPreact(scratch!).buildStart()).toThrow(/view\.tsx uses .*, which assent-ui\.js drops from Preact/);
  });
});

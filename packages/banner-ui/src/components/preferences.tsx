/**
 * The preferences dialog: every category in use with its purpose and switch (necessary always on),
 * and under each, expandable, its services with provider, purpose, cookie table and own switch.
 */
import { Component } from 'preact';
import type { OptionalCategory } from '@assent/sdk';
import type { Messages } from '../i18n/en.js';
import type { CategoryView, ServiceView } from '../content.js';
import { Dialog } from './dialog.js';
import { Switch } from './switch.js';

/** What the visitor has switched: categories, and services by id. */
export interface Selection {
  categories: Record<OptionalCategory, boolean>;
  services: Record<string, boolean>;
}

export interface PreferencesProps {
  m: Messages;
  cats: CategoryView[];
  initial: Selection;
  /** A declared minor: advertising stays off and cannot be switched on. */
  minor: boolean;
  id: string;
  onSave(selection: Selection): void;
  onAcceptAll(): void;
  onRejectAll(): void;
  onClose(): void;
}

function Cookies({ m, svc }: { m: Messages; svc: ServiceView }) {
  if (!svc.cookies.length) return <p class="a-muted">{m.noCookies}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{m.cookie}</th>
          <th scope="col">{m.duration}</th>
          <th scope="col">{m.purpose}</th>
        </tr>
      </thead>
      <tbody>
        {svc.cookies.map((c) => (
          <tr>
            <td dir="auto">{c.name}</td>
            <td dir="auto">{c.duration}</td>
            <td dir="auto">{c.purpose}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export class Preferences extends Component<PreferencesProps, { sel: Selection }> {
  override state = { sel: this.props.initial };

  override render(p: PreferencesProps, { sel }: { sel: Selection }) {
    const { m } = p;
    const setSel = (next: Selection) => this.setState({ sel: next });
    const titleId = `${p.id}-prefs`;
    const locked = (c: OptionalCategory) => p.minor && c === 'advertising';

    const setCategory = (cat: OptionalCategory, on: boolean) => {
      const services = { ...sel.services };
      for (const svc of p.cats.find((c) => c.id === cat)?.services ?? []) services[svc.id] = on;
      setSel({ categories: { ...sel.categories, [cat]: on }, services });
    };
    const setService = (cat: OptionalCategory, id: string, on: boolean) => {
      const services = { ...sel.services, [id]: on };
      // Switching a service on in a category that was off grants only that service.
      if (on && !sel.categories[cat])
        for (const svc of p.cats.find((c) => c.id === cat)?.services ?? []) if (svc.id !== id) services[svc.id] = false;
      setSel({ categories: { ...sel.categories, [cat]: sel.categories[cat] || on }, services });
    };

    return (
      <Dialog labelledBy={titleId} class="a-modal" onEscape={p.onClose}>
        <div class="a-head">
          <h2 id={titleId}>{m.preferencesTitle}</h2>
          <button type="button" class="a-x" aria-label={m.close} onClick={p.onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <p>{m.preferencesIntro}</p>
        <ul class="a-list">
          {p.cats.map((c) => {
            const catId = `${p.id}-cat-${c.id}`;
            const optional = c.id === 'necessary' ? null : c.id;
            return (
              <li class="a-cat">
                <div class="a-row">
                  <h3 id={catId}>{c.label}</h3>
                  {optional === null ? (
                    <>
                      <span class="a-on">{m.alwaysOn}</span>
                      <Switch checked labelledBy={catId} disabled />
                    </>
                  ) : (
                    <>
                      {locked(optional) && <span class="a-on">{m.notForMinors}</span>}
                      <Switch
                        checked={sel.categories[optional] && !locked(optional)}
                        labelledBy={catId}
                        disabled={locked(optional)}
                        onChange={(on) => setCategory(optional, on)}
                      />
                    </>
                  )}
                </div>
                <p class="a-muted">{c.purpose}</p>
                {c.services.length > 0 && (
                  <details>
                    <summary>{c.servicesLabel}</summary>
                    {c.services.map((svc) => {
                      const svcId = `${p.id}-svc-${svc.id}`;
                      return (
                        <div class="a-svc">
                          <div class="a-row">
                            <h4 id={svcId} dir="auto">{svc.name}</h4>
                            {optional === null ? (
                              <Switch checked labelledBy={svcId} disabled />
                            ) : (
                              <Switch
                                checked={sel.categories[optional] && sel.services[svc.id] !== false && !locked(optional)}
                                labelledBy={svcId}
                                disabled={locked(optional)}
                                onChange={(on) => setService(optional, svc.id, on)}
                              />
                            )}
                          </div>
                          <p class="a-muted">{svc.provider}</p>
                          <p dir="auto">{svc.purpose}</p>
                          <Cookies m={m} svc={svc} />
                        </div>
                      );
                    })}
                  </details>
                )}
              </li>
            );
          })}
        </ul>
        <div class="a-actions">
          <button type="button" class="a-btn" onClick={() => p.onSave(sel)}>{m.saveChoices}</button>
          <button type="button" class="a-btn" onClick={p.onAcceptAll}>{m.acceptAll}</button>
          <button type="button" class="a-btn" onClick={p.onRejectAll}>{m.rejectAll}</button>
        </div>
      </Dialog>
    );
  }
}

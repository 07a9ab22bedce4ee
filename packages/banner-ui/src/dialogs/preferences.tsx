/**
 * The preferences dialog: every category in use with its purpose and switch (necessary always on),
 * and under each, expandable, its services with provider, purpose, cookie table and own switch.
 */
import { Component } from 'preact';
import type { Consent, OptionalCategory } from '@assent/sdk';
import type { Messages } from '../i18n/en.js';
import { categories, type ServiceView } from '../content.js';
import { acceptAll, rejectAll, save, type DialogApp, type Selection } from './app.js';
import { Button } from './button.js';
import { Dialog } from './dialog.js';
import { Switch } from './switch.js';

export interface PreferencesProps {
  app: DialogApp;
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

/** What the consent instance holds now; a minor's advertising shows off. */
function current(consent: Consent, minor: boolean): Selection {
  const { necessary: _, ...cats } = consent.get();
  return { categories: { ...cats, advertising: cats.advertising && !minor }, services: consent.services() };
}

export class Preferences extends Component<PreferencesProps, { sel: Selection }> {
  override state = { sel: current(this.props.app.consent, this.props.app.minor) };

  override render({ app }: PreferencesProps, { sel }: { sel: Selection }) {
    const { consent, m, id } = app;
    const cats = categories(m, consent.config);
    const minor = app.minor;
    const setSel = (next: Selection) => this.setState({ sel: next });
    const titleId = `${id}-prefs`;
    const locked = (c: OptionalCategory) => minor && c === 'advertising';
    const servicesOf = (cat: OptionalCategory) => cats.find((c) => c.id === cat)?.services ?? [];

    const setCategory = (cat: OptionalCategory, on: boolean) => {
      const services = { ...sel.services };
      for (const svc of servicesOf(cat)) services[svc.id] = on;
      setSel({ categories: { ...sel.categories, [cat]: on }, services });
    };
    const setService = (cat: OptionalCategory, svcId: string, on: boolean) => {
      const services = { ...sel.services, [svcId]: on };
      // Switching a service on in a category that was off grants only that service.
      if (on && !sel.categories[cat]) for (const svc of servicesOf(cat)) if (svc.id !== svcId) services[svc.id] = false;
      setSel({ categories: { ...sel.categories, [cat]: sel.categories[cat] || on }, services });
    };

    return (
      <Dialog labelledBy={titleId} title={m.preferencesTitle} closeLabel={m.close} onClose={app.close}>
        <p>{m.preferencesIntro}</p>
        <ul class="a-list">
          {cats.map((c) => {
            const catId = `${id}-cat-${c.id}`;
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
                      const svcId = `${id}-svc-${svc.id}`;
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
          <Button onClick={() => save(app, sel)}>{m.saveChoices}</Button>
          <Button onClick={() => acceptAll(app)}>{m.acceptAll}</Button>
          <Button onClick={() => rejectAll(app)}>{m.rejectAll}</Button>
        </div>
      </Dialog>
    );
  }
}

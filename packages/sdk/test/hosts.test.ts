import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../src/config/types.js';
import { hostMatches, httpUrl, serviceAt } from '../src/gate/hosts.js';

const service = (id: string, hosts: string[]) => ({ id, hosts }) as unknown as ServiceConfig;
const services = [service('exact', ['ads.example.com']), service('wild', ['*.cdn.example.net']), service('port', ['127.0.0.1:9000'])];
const owner = (url: string) => {
  const u = httpUrl(url, 'https://site.example/page');
  return u && serviceAt(u, services)?.id;
};

describe('service hosts', () => {
  it('match exact hosts, wildcard hosts with their apex, and host:port', () => {
    expect(owner('https://ads.example.com/x.js')).toBe('exact');
    expect(owner('https://sub.ads.example.com/x.js')).toBeUndefined();
    expect(owner('https://cdn.example.net/a')).toBe('wild');
    expect(owner('https://a.b.cdn.example.net/a')).toBe('wild');
    expect(owner('https://xcdn.example.net/a')).toBeUndefined();
    expect(owner('http://127.0.0.1:9000/p')).toBe('port');
    expect(owner('http://127.0.0.1:9001/p')).toBeUndefined();
  });

  it('judge the parsed URL, not its spelling', () => {
    expect(owner('HTTPS://ADS.Example.COM/x')).toBe('exact');
    expect(owner('https://ads%2Eexample.com/x')).toBe('exact');
    expect(owner('https://ads.exam\nple.com/x')).toBe('exact');
    expect(owner('//ads.example.com/x')).toBe('exact');
  });

  it('ignore other schemes, relative URLs on the site and malformed URLs without throwing', () => {
    for (const raw of ['javascript:alert(1)', 'data:text/html,x', '/local.js', 'http://[::1', '', null, undefined])
      expect(owner(raw as string)).toBeUndefined();
  });
});

describe('host + path patterns', () => {
  const google = [
    service('analytics', ['www.googletagmanager.com/gtag/js?id=G-', '*.google-analytics.com']),
    service('ads', ['www.googletagmanager.com/gtag/js?id=AW-', '*.doubleclick.net']),
    service('container', ['www.googletagmanager.com/gtm.js']),
    service('maps', ['www.google.com/maps']),
    service('pixel', ['www.redditstatic.com/ads/']),
  ];
  const at = (url: string, list = google) => {
    const u = httpUrl(url, 'https://site.example/');
    return u && serviceAt(u, list)?.id;
  };

  it('tell apart what one host serves by path and query', () => {
    expect(at('https://www.googletagmanager.com/gtag/js?id=G-ABC123')).toBe('analytics');
    expect(at('https://www.googletagmanager.com/gtag/js?id=AW-987&l=dataLayer')).toBe('ads');
    expect(at('https://www.googletagmanager.com/gtm.js?id=GTM-XYZ')).toBe('container');
    // Neither service holds a third kind of file on the host.
    expect(at('https://www.googletagmanager.com/ns.html?id=GTM-XYZ')).toBeUndefined();
    expect(at('https://www.google.com/maps/embed?pb=1')).toBe('maps');
    expect(at('https://www.google.com/search?q=maps')).toBeUndefined();
  });

  it('decide on the parsed URL: parameter order, encoding and case of the host do not matter', () => {
    expect(at('https://WWW.GoogleTagManager.com/gtag/js?l=dataLayer&id=G-1')).toBe('analytics');
    expect(at('https://www.googletagmanager.com/gtag/js?id=G%2D1')).toBe('analytics');
    expect(at('//www.googletagmanager.com/gtag/js?id=AW-1')).toBe('ads');
  });

  it('match whole path segments, with or without a trailing slash in the pattern', () => {
    expect(at('https://www.googletagmanager.com/gtag/jsx?id=G-1')).toBeUndefined();
    expect(at('https://www.googletagmanager.com/gtag/js/extra?id=G-1')).toBe('analytics');
    expect(at('https://www.redditstatic.com/ads/pixel.js')).toBe('pixel');
    expect(at('https://www.redditstatic.com/ads')).toBe('pixel');
    expect(at('https://www.redditstatic.com/adsense.js')).toBeUndefined();
    expect(at('https://www.redditstatic.com/shreddit/embed.js')).toBeUndefined();
  });

  it('give a URL to the most specific pattern, whatever the order of the services', () => {
    const broad = service('broad', ['*.google.com']);
    const exact = service('exact', ['www.google.com']);
    for (const list of [[broad, google[3]!], [google[3]!, broad]]) expect(at('https://www.google.com/maps/embed', list)).toBe('maps');
    for (const list of [[broad, exact], [exact, broad]]) expect(at('https://www.google.com/pagead/x', list)).toBe('exact');
    expect(at('https://mail.google.com/', [broad, exact])).toBe('broad');
  });

  it('hostMatches keeps host:port patterns exact', () => {
    const u = new URL('http://127.0.0.1:9000/p/x?id=1');
    expect(hostMatches('127.0.0.1:9000/p', u)).toBe(true);
    expect(hostMatches('127.0.0.1:9001/p', u)).toBe(false);
    expect(hostMatches('127.0.0.1:9000/q', u)).toBe(false);
    expect(hostMatches('127.0.0.1:9000/p?id=1', u)).toBe(true);
    expect(hostMatches('127.0.0.1:9000/p?id=2', u)).toBe(false);
  });
});

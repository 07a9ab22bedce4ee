import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../src/config/types.js';
import { httpUrl, serviceAt } from '../src/gate/hosts.js';

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

import { describe, expect, it } from 'vitest';
import { DialLinkInbox } from '../../src/main/dial-link-inbox.js';
import { dialRequestFromLink, findDialLinkInArgv } from '../../src/main/protocol-links.js';

const opts = { defaultRegion: 'US', autoDialLinks: true, source: 'second-instance' as const };

describe('dial links', () => {
  it.each([
    ['tel:+14155550100', '+14155550100'],
    ['tel:+1-415-555-0100', '+14155550100'],
    ['TEL:+14155550100', '+14155550100'],
    ['callto:+12125550100', '+12125550100'],
    ['tel:(415)%20555-0100', '+14155550100'],
  ])('%s dials %s', (link, e164) => {
    expect(dialRequestFromLink(link, opts)).toMatchObject({
      kind: 'phone',
      target: e164,
      autoDial: true,
    });
  });

  it.each([
    ['tel:911', 'emergency'],
    ['tel:112', 'emergency'],
    ['tel:+19005550100', 'premium rate'],
    ['tel:+18005550100', 'toll-free (not an ordinary number)'],
    ['callto:+442079460958', 'international fixed line'],
    ['callto://+447400123456', 'international mobile'],
    ['tel:+881612345678', 'satellite'],
    ['tel:+80012345678', 'international freephone'],
    ['sip:alice@example.com', 'SIP address'],
  ])('%s (%s) waits for a click even with auto-dial on', (link) => {
    const request = dialRequestFromLink(link, opts);
    expect(request?.autoDial ?? false).toBe(false);
  });

  it('auto-dials nothing when the setting is off', () => {
    expect(
      dialRequestFromLink('tel:+14155550100', { ...opts, autoDialLinks: false }),
    ).toMatchObject({ autoDial: false });
  });

  it('the agent’s own country decides what is domestic', () => {
    const uk = { ...opts, defaultRegion: 'GB' };
    expect(dialRequestFromLink('tel:+442079460958', uk)?.autoDial).toBe(true);
    expect(dialRequestFromLink('tel:+14155550100', uk)?.autoDial).toBe(false);
  });

  it('keeps the extension to send as DTMF', () => {
    expect(dialRequestFromLink('tel:+14155550100;ext=123', opts)).toMatchObject({
      target: '+14155550100',
      extension: '123',
    });
  });

  it('turns sip: links into a SIP target without any password', () => {
    const r = dialRequestFromLink('sip:alice:hunter2@example.com;transport=tcp', opts);
    expect(r).toMatchObject({ kind: 'sip', target: 'sip:alice@example.com' });
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('fills in but never auto-dials emergency or premium numbers from a link', () => {
    expect(dialRequestFromLink('tel:911', opts)).toMatchObject({ autoDial: false });
    expect(dialRequestFromLink('tel:+19005550100', opts)?.autoDial ?? false).toBe(false);
  });

  it('dials only if the user enabled it', () => {
    expect(
      dialRequestFromLink('tel:+14155550100', { ...opts, autoDialLinks: false }),
    ).toMatchObject({ autoDial: false });
  });

  it.each([
    ['javascript:alert(1)'],
    ['https://evil.example/tel:+14155550100'],
    ['file:///etc/passwd'],
    ['tel:'],
    ['tel:%00%00'],
    ['tel:+1415555010%'],
    ['tel:' + '9'.repeat(5000)],
    ['tel:<script>alert(1)</script>'],
    ['tel:\u202e0010555514+'],
    ['sip:@'],
    ['tel:abc'],
    ['callto:'],
  ])('refuses hostile or empty input %j without throwing', (link) => {
    expect(() => dialRequestFromLink(link, opts)).not.toThrow();
    expect(dialRequestFromLink(link, opts)).toBeNull();
  });

  it('finds the link among argv and ignores flags, paths and oversize arguments', () => {
    expect(findDialLinkInArgv(['/opt/Crokodialer/crokodialer', '--no-sandbox', 'tel:+1415'])).toBe(
      'tel:+1415',
    );
    expect(findDialLinkInArgv(['crokodialer', '--inspect=9229', '/tmp/tel:+1'])).toBeNull();
    expect(findDialLinkInArgv(['crokodialer', `tel:${'1'.repeat(2000)}`])).toBeNull();
    expect(findDialLinkInArgv(['crokodialer', 'SIP:bob@example.com'])).toBe('SIP:bob@example.com');
  });
});

describe('DialLinkInbox', () => {
  const make = () => {
    const emitted: unknown[] = [];
    const inbox = new DialLinkInbox(
      () => ({ defaultRegion: 'US', autoDialLinks: false }),
      (r) => emitted.push(r),
    );
    return { inbox, emitted };
  };

  it('holds the first-launch link until the renderer asks, then emits new ones', () => {
    const { inbox, emitted } = make();
    expect(inbox.receive('tel:+14155550100', 'first-launch')).toBe(true);
    expect(emitted).toEqual([]);
    expect(inbox.takePending()).toMatchObject({ target: '+14155550100', source: 'first-launch' });
    expect(inbox.takePending()).toBeNull();
    inbox.receive('tel:+14155550101', 'second-instance');
    expect(emitted).toMatchObject([{ target: '+14155550101' }]);
  });

  it('ignores links that are not something to dial', () => {
    const { inbox } = make();
    expect(inbox.receive('tel:nope', 'open-url')).toBe(false);
    expect(inbox.takePending()).toBeNull();
  });
});

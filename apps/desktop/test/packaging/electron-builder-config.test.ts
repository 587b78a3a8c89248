import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const config = parse(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Record<
  string,
  unknown
>;
/** electron-builder's own schema, shipped in app-builder-lib. */
const schema = JSON.parse(
  readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
) as Record<string, unknown> & { definitions: { FuseOptionsV1: { properties: object } } };

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s JSON schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('catches a mistake (the schema is really applied)', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, electronFuses: { runAsNode: 'no' } })).toBe(false);
    expect(validate({ ...config, notAnOption: true })).toBe(false);
  });

  it('sets every fuse electron-builder knows, explicitly and safely', () => {
    const fuses = config.electronFuses as Record<string, boolean>;
    expect(Object.keys(fuses).sort()).toEqual(
      Object.keys(schema.definitions.FuseOptionsV1.properties).sort(),
    );
    expect(fuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers tel, callto and sip on every platform', () => {
    const schemes = (config.protocols as { schemes: string[] }[]).flatMap((p) => p.schemes);
    expect(schemes.sort()).toEqual(['callto', 'sip', 'tel']);
    const linux = config.linux as {
      target: string[];
      mimeTypes: string[];
      desktop: { entry: { MimeType: string } };
    };
    expect(linux.target).toEqual(['AppImage', 'deb']);
    for (const s of schemes) {
      expect(linux.mimeTypes).toContain(`x-scheme-handler/${s}`);
      expect(linux.desktop.entry.MimeType).toContain(`x-scheme-handler/${s};`);
    }
  });

  it('packages a hardened, microphone-entitled macOS app, an nsis installer, in asar', () => {
    const mac = config.mac as {
      target: string[];
      hardenedRuntime: boolean;
      entitlements: string;
      extendInfo: Record<string, string>;
    };
    expect(config).toMatchObject({ appId: 'org.crokodialer.desktop', productName: 'Crokodialer' });
    expect(config.asar).toBe(true);
    expect(mac.target).toEqual(['dmg']);
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    const plist = readFileSync(`${root}${mac.entitlements}`, 'utf8');
    expect(plist).toMatch(/com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
  });
});

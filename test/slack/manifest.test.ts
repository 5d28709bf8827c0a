import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../adapters/slack/index.js';
import { createRegistry } from '../../src/core/commands.js';
import { t } from '../../src/core/i18n/catalog.js';
import { coreModules } from '../../src/core/modules/index.js';

const root = join(import.meta.dirname, '../..');
const schemaDir = join(root, '../shared/conformance/slack-manifest-schema');
const readJson = (file: string) => JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Record<string, unknown>;

type Manifest = {
  features: { slash_commands: { command: string; description: string; usage_hint?: string; should_escape?: boolean }[]; app_home: Record<string, boolean>; bot_user: { display_name: string } };
  oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
  settings: { event_subscriptions: { bot_events: string[]; request_url: string }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
};

const manifest = parse(readFileSync(join(root, 'manifest/slack.yaml'), 'utf8')) as Manifest;

/** The root schema dispatches on `_metadata.major_version` to the versioned files, referenced by these URLs. */
const validator = () => {
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { uri: true } });
  ajv.addSchema(readJson('manifest.schema.1.0.0.json'), 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json');
  ajv.addSchema(readJson('manifest.schema.2.0.0.json'), 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json');
  return ajv.compile(readJson('manifest.schema.json'));
};

describe('manifest/slack.yaml', () => {
  it('validates against Slack’s manifest JSON Schema', () => {
    const validate = validator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema would catch a broken manifest (a validator that accepts anything proves nothing)', () => {
    const validate = validator();
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0]!.command = 'task';
    expect(validate(broken)).toBe(false);
    expect(validate({ ...manifest, display_information: {} })).toBe(false);
  });

  it('lists exactly the registry’s commands, with their descriptions, escaped so mentions arrive as <@U…>', () => {
    const registry = createRegistry(coreModules);
    const fromRegistry = [...registry.commands.values()].map((command) => ({ command: `/${command.name}`, description: t('en', command.description) }));
    const fromManifest = manifest.features.slash_commands.map(({ command, description }) => ({ command, description }));
    expect(sortBy(fromManifest)).toEqual(sortBy(fromRegistry));
    expect(manifest.features.slash_commands.every((command) => command.should_escape === true)).toBe(true);
  });

  it('asks for the adapter’s scopes and no more, and subscribes to the events it handles', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_uninstalled', 'member_joined_channel', 'message.im', 'tokens_revoked', 'user_change']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.oauth_config.redirect_urls[0]).toMatch(/\/slack\/oauth_redirect$/);
    expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
  });
});

const sortBy = <T extends { command: string }>(items: T[]) => [...items].sort((a, b) => a.command.localeCompare(b.command));

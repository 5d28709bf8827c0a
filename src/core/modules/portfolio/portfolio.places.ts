import { isMessageKey, t, type Locale } from '../../i18n/catalog.js';

/** "Slack", "Discord", "Console": how a place's platform is named to a person (an unknown one as it is stored). */
export const platformLabel = (platform: string, locale: Locale): string => {
  const key = `portfolio.platform.${platform}`;
  return isMessageKey(key) ? t(locale, key) : platform;
};

/** "Discord · Acme Community", or the platform alone for a workspace whose name the platform never gave. */
export const workspaceLabel = (platform: string, workspaceName: string, locale: Locale): string =>
  workspaceName ? `${platformLabel(platform, locale)} · ${workspaceName}` : platformLabel(platform, locale);

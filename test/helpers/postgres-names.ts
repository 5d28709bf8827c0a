/** Names of the databases the tests make beside the one DATABASE_URL names (which they never touch). */
// The process id keeps two test runs against one server (two terminals, CI beside a developer) apart.
export const templateName = (url: string): string => `${databaseName(url)}_tmpl_${process.pid}`;

export const databaseName = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';

/** The URL to issue CREATE/DROP DATABASE from: the one DATABASE_URL names. */
export const adminUrl = (url: string): string => url;

export const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

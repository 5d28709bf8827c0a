import { describe, expect, it } from 'vitest';
import { classifyBlocker, isBlocker } from './standups.no-blocker.js';

// Answers to "Is anything blocking you?" as people type them, in both languages.
const NO_BLOCKER = {
  en: ['', ' ', 'No', 'no.', 'nope', 'Nope!', 'nope, all good', 'nope 🙂', 'Nothing!', 'nothing at all', 'none', 'None.', 'none so far', 'None so far, thanks!', 'n/a', 'N/A', 'na', '-', '—', '...', 'all good', 'All good, thanks', 'all good 👍', '👍', '✅', 'no blockers', 'No blockers today', 'not really', 'nah, all fine', 'nothing to report', 'I’m good'],
  nl: ['Nee', 'nee hoor', 'Nee hoor!', 'niks', 'niets', 'helemaal niets', 'geen', 'geen blokkades', 'gaat goed', 'Gaat goed!', 'alles goed', 'alles prima, dank je', 'nvt', 'n.v.t.', 'niks aan de hand 🙂', 'nee, alles loopt', 'geen problemen tot nu toe'],
};

const BLOCKERS = {
  en: ['Waiting for the logins', 'no access to the CRM', 'None of the invoices were paid', 'nope, but the client has not sent the copy', 'all good except the Canva license expired', 'no, still waiting on Sam', 'the API is down 😩'],
  nl: ['geen toegang tot de CRM', 'nee, de klant reageert niet', 'wacht nog op de inloggegevens', 'gaat goed, maar Canva doet het niet', 'niets, behalve dat de website plat ligt'],
};

describe('a blocker answer that says “nothing”', () => {
  for (const [language, answers] of Object.entries(NO_BLOCKER)) {
    it.each(answers)(`${language}: %j is no blocker`, (answer) => expect(isBlocker(answer)).toBe(false));
  }
  for (const [language, answers] of Object.entries(BLOCKERS)) {
    it.each(answers)(`${language}: %j is a blocker`, (answer) => expect(isBlocker(answer)).toBe(true));
  }
});

// Hedged answers: the person is asked "Is this blocking you?" rather than the managers alerted.
const UNCLEAR = {
  en: ['maybe', 'Maybe the logins?', 'not sure', 'Not really sure yet', 'kind of waiting on Sam', 'sort of, the copy is late', 'a bit slow on the CRM', 'dunno', 'I don’t know', 'perhaps the invoices', 'logins?'],
  nl: ['misschien', 'Misschien de inloggegevens?', 'een beetje', 'weet niet', 'weet ik niet, de klant reageert traag', 'geen idee', 'wellicht de factuur', 'niet zeker', 'zou kunnen'],
};

describe('what a blocker answer says: none, blocker or unclear', () => {
  for (const [language, answers] of Object.entries(UNCLEAR)) {
    it.each(answers)(`${language}: %j is unclear`, (answer) => expect(classifyBlocker(answer)).toBe('unclear'));
  }
  for (const [language, answers] of Object.entries(BLOCKERS)) {
    it.each(answers)(`${language}: %j is a blocker`, (answer) => expect(classifyBlocker(answer)).toBe('blocker'));
  }
  for (const [language, answers] of Object.entries(NO_BLOCKER)) {
    it.each(answers)(`${language}: %j is none`, (answer) => expect(classifyBlocker(answer)).toBe('none'));
  }
});

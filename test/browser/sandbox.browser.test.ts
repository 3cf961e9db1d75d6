import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start.js';
import { FIXTURE_CORPUS } from '../helpers/fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
/** Flags for a closed network: without them Chromium keeps trying to reach Google's services. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const available = existsSync(CHROMIUM);
if (!available) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium)`);

describe.skipIf(!available)('the sandbox page in a real browser', () => {
  let sandbox: RunningSandbox;
  const startHere = () =>
    startSandbox(loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS, SANDBOX_PORT: '0' }), pino({ level: 'silent' }), COMMANDS);
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let step = 0;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `sandbox-${String(++step).padStart(2, '0')}-${name}.png`) });

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDir = await mkdtemp(path.join(tmpdir(), 'stackwise-browser-'));
    sandbox = await startHere();
    // A first launch on a loaded 2-core machine can take a while; one more try before giving up.
    const launch = () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 45_000 });
    browser = await launch().catch(launch);
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names a missing required option or a bad value before sending, and keeps what they typed', async () => {
    await page.goto(sandbox.url);
    await page.fill('#input', '/ask');
    await page.keyboard.press('Escape');
    await page.locator('#composer').evaluate((form: HTMLFormElement) => form.requestSubmit());
    await expect.poll(() => page.locator('#notice').textContent()).toMatch(/Missing a required option: question/);
    expect(await page.inputValue('#input')).toBe('/ask');
    await page.fill('#input', '/ask Does Netflix use Kafka? private:maybe');
    await page.keyboard.press('Escape');
    await page.locator('#composer').evaluate((form: HTMLFormElement) => form.requestSubmit());
    await expect.poll(() => page.locator('#notice').textContent()).toMatch(/private: expected True or False, not "maybe"/);
    await shot('refused');
  });

  it('/ask private:true from the option chips and picker: an answer only the asker sees', async () => {
    await page.goto(sandbox.url);
    await page.fill('#input', '/ask Does Netflix use Apache Spark?');
    await page.keyboard.press('Escape');
    await page.locator('#options .chip', { hasText: 'private' }).click();
    expect(await page.inputValue('#input')).toBe('/ask Does Netflix use Apache Spark? private:');
    await expect
      .poll(() => page.locator('#picker li').allTextContents())
      .toEqual([expect.stringMatching(/^True/), expect.stringMatching(/^False/)]);
    await shot('option-picker');
    await page.locator('#picker li').first().click();
    expect(await page.inputValue('#input')).toBe('/ask Does Netflix use Apache Spark? private:True ');
    await page.keyboard.press('Enter');
    const answer = page.locator('discord-message').last();
    await expect.poll(() => answer.locator('discord-embed').getAttribute('embed-title')).toBe('Does Netflix use Apache Spark?');
    expect(await answer.getAttribute('ephemeral')).not.toBeNull();
    expect(await answer.locator('.embed').textContent()).not.toMatch(/private/);
  });

  it('the language picker sets the locale of what the page sends: German buttons, then English again', async () => {
    await page.goto(sandbox.url);
    await page.selectOption('#locale', 'de');
    // /stack, which has no cooldown: the /ask ones later in this file stay within theirs.
    await page.fill('#input', '/stack company:Netflix');
    await page.keyboard.press('Escape');
    await page.locator('#composer').evaluate((form: HTMLFormElement) => form.requestSubmit());
    const answer = page.locator('discord-message').last();
    await expect
      .poll(() => answer.locator('discord-button').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('Hilfreich')]));
    await shot('german');
    // The choice outlives a reload; English again for the tests after this one.
    await page.reload();
    expect(await page.inputValue('#locale')).toBe('de');
    await page.selectOption('#locale', 'en-US');
  });

  it('ask -> autocomplete -> answer -> a related click -> a vote', async () => {
    await page.goto(sandbox.url);
    await page.fill('#input', '/');
    await expect
      .poll(() => page.locator('#picker li').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('/ask')]));
    await shot('commands');

    await page.fill('#input', '/ask does netflix use apache sp');
    await expect.poll(() => page.locator('#picker li').first().textContent()).toBe('Does Netflix use Apache Spark?');
    await shot('autocomplete');
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#input')).toBe('/ask Does Netflix use Apache Spark?');
    await page.keyboard.press('Enter');

    const answer = page.locator('discord-message').last();
    await expect.poll(() => answer.locator('discord-embed').getAttribute('embed-title')).toBe('Does Netflix use Apache Spark?');
    expect(await answer.locator('discord-command').getAttribute('author')).toBe('a-member');
    expect(await answer.locator('discord-command').getAttribute('command')).toBe('/ask');
    await expect.poll(() => answer.locator('.embed-footer').textContent()).toMatch(/No votes yet/);
    await shot('answer');

    await answer.locator('discord-button', { hasText: 'Which database does Netflix use?' }).click();
    const ephemeral = page.locator('discord-message[ephemeral]').last();
    await expect.poll(() => ephemeral.locator('discord-embed').getAttribute('embed-title')).toBe('Which database does Netflix use?');
    await shot('related');

    await page.locator('discord-message').first().locator('discord-button', { hasText: 'Helpful' }).first().click();
    await expect
      .poll(() => page.locator('discord-message').first().locator('.embed-footer').textContent())
      .toMatch(/100% helpful \(1 vote\)/);
    await expect
      .poll(() => page.locator('discord-message[ephemeral]').last().textContent(), { timeout: 5000 })
      .toMatch(/you marked this answer helpful/);
    await shot('vote');
  });

  const becomeUser = async (role: 'member' | 'moderator') => {
    const value = await page.locator('#user option', { hasText: `(${role})` }).getAttribute('value');
    await page.selectOption('#user', value!);
  };

  /** Types a message or command and sends it, as Enter does once the picker is closed. */
  const send = async (text: string) => {
    await page.fill('#input', text);
    await page.keyboard.press('Escape');
    await page.locator('#composer').evaluate((form: HTMLFormElement) => form.requestSubmit());
  };

  /** The emoji images under `locator` that loaded, by their alt text (an image that failed reverts to text). */
  const drawnEmoji = (locator: ReturnType<Page['locator']>) =>
    locator
      .locator('img.emoji')
      .evaluateAll((images: HTMLImageElement[]) =>
        images.filter((image) => image.complete && image.naturalWidth > 0).map((image) => image.alt),
      );

  it('emoji show as images, as Discord draws them, even with no emoji font; in code they stay as typed', async () => {
    await page.goto(sandbox.url);
    await send('/ask Does Netflix use Apache Spark?');
    const answer = page.locator('discord-message').last();
    await expect.poll(() => drawnEmoji(answer.locator('discord-button')), { timeout: 5000 }).toEqual(['👍', '👎']);

    // A heart with its variation selector, a sequence joined by U+200D, a flag, and one in inline code.
    await send('Shipped 🎉 ❤️ 👁️‍🗨️ 🇫🇷 and `🎉` stays text');
    const posted = page.locator('discord-message', { hasText: 'Shipped' }).last();
    await expect.poll(() => drawnEmoji(posted.locator('.content')), { timeout: 5000 }).toEqual(['🎉', '❤️', '👁️‍🗨️', '🇫🇷']);
    expect(await posted.locator('.content code').textContent()).toBe('🎉');
    await shot('emoji');
  });

  /** As the moderator, opens the /faq add form. */
  const openAddForm = async () => {
    await page.goto(sandbox.url);
    await becomeUser('moderator');
    await send('/faq add ');
    await expect.poll(() => page.locator('#modal').getAttribute('open')).not.toBeNull();
  };

  it('a moderator picks a role for /faq settings curator-role', async () => {
    await page.goto(sandbox.url);
    await becomeUser('moderator');
    await page.fill('#input', '/faq settings ');
    await page.locator('#options .chip', { hasText: 'curator-role' }).click();
    await expect
      .poll(() => page.locator('#picker li').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/^Moderator/)]));
    await page.locator('#picker li', { hasText: 'Moderator' }).click();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('discord-message[ephemeral]').last().textContent())
      .toMatch(/Members with the Moderator role can now curate/);
  });

  it('a refused form comes back with "Edit and retry", which reopens it with the text', async () => {
    await openAddForm();
    await page.fill('#modal-fields [name="question"]', 'Which proxy does Discord run in front of media?');
    await page.fill('#modal-fields [name="answer"]', 'A Rust service.');
    await page.fill('#modal-fields [name="sources"]', 'not a link');
    await page.click('#modal-submit');
    const refused = page.locator('discord-message[ephemeral]', { hasText: "couldn't save" }).last();
    await expect.poll(() => refused.count(), { timeout: 5000 }).toBe(1);
    await refused.locator('discord-button', { hasText: 'Edit and retry' }).click();
    await expect.poll(() => page.locator('#modal').getAttribute('open')).not.toBeNull();
    expect(await page.inputValue('#modal-fields [name="question"]')).toBe('Which proxy does Discord run in front of media?');
    expect(await page.inputValue('#modal-fields [name="sources"]')).toBe('not a link');
    await shot('edit-and-retry');
    await page.fill('#modal-fields [name="sources"]', 'https://discord.com/blog');
    await page.click('#modal-submit');
    await expect
      .poll(() => page.locator('discord-message[ephemeral]').last().textContent(), { timeout: 5000 })
      .toMatch(/Added Which proxy does Discord run in front of media\?/);
  });

  it('a moderator adds an entry in the form -> ask finds it', async () => {
    await page.goto(sandbox.url);
    await becomeUser('moderator');
    await page.fill('#input', '/faq a');
    await expect.poll(() => page.locator('#picker li').first().textContent()).toMatch(/^\/faq add/);
    await shot('faq-subcommands');
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#input')).toBe('/faq add ');
    await page.keyboard.press('Enter');

    const modal = page.locator('#modal');
    await expect.poll(() => modal.getAttribute('open')).not.toBeNull();
    expect(await page.locator('#modal-title').textContent()).toBe('Add a FAQ entry');
    await page.fill('#modal-fields [name="question"]', 'Why did Discord move from Cassandra to ScyllaDB?');
    await page.fill('#modal-fields [name="answer"]', 'Garbage-collection pauses in **Cassandra** hurt tail latency.');
    await page.fill('#modal-fields [name="tags"]', 'Discord, ScyllaDB');
    await shot('faq-add-form');
    await page.click('#modal-submit');

    const saved = page.locator('discord-message[ephemeral]').last();
    await expect
      .poll(() => saved.locator('.content').textContent())
      .toMatch(/Added Why did Discord move from Cassandra to ScyllaDB\? \(revision 1\)/);
    await shot('faq-added');

    await becomeUser('member');
    await send('/ask Why did Discord move from Cassandra to ScyllaDB?');
    const answer = page.locator('discord-message').last();
    await expect
      .poll(() => answer.locator('discord-embed').getAttribute('embed-title'))
      .toBe('Why did Discord move from Cassandra to ScyllaDB?');
    expect(await answer.locator('.embed-footer').textContent()).toMatch(/Asked by .+ · Updated/);
    await shot('faq-asked');
  });

  it('/faq stats shows its chart inside the embed, as Discord does, not as a file to download', async () => {
    await page.goto(sandbox.url);
    await becomeUser('member');
    await send('/ask Does Netflix use Apache Spark?');
    await expect
      .poll(() => page.locator('discord-message discord-embed').last().getAttribute('embed-title'))
      .toBe('Does Netflix use Apache Spark?');
    await becomeUser('moderator');
    await send('/faq stats ');
    const stats = page.locator('discord-message[ephemeral]', { hasText: 'Last 30 days' }).last();
    const chart = stats.locator('discord-embed img[src*="/attachments/"]');
    await expect.poll(() => chart.count(), { timeout: 15_000 }).toBe(1);
    // The image loaded: the PNG was served, and the browser decoded it.
    await expect.poll(() => chart.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1080);
    expect(await stats.locator('a.attachment').count()).toBe(0);
    await shot('faq-stats');
  });

  it('renders Discord markdown and nothing more: quotes, spoilers, code, headers, masked links, timestamps', async () => {
    const content = [
      '# Big',
      '#### not a header',
      '> quoted',
      'a ||secret|| word, __underlined__, `code` and [docs](https://example.org/docs)',
      '```',
      'const x = 1;',
      '```',
      'at <t:1700000000:D>',
      '-# small print',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
      '![img](https://example.org/x.png)',
    ].join('\n');
    const guildId = await page.evaluate(() => document.querySelector<HTMLSelectElement>('#guild')?.value);
    await page.goto(sandbox.url);
    const session = (await (await page.request.get(`${sandbox.url}/api/session`)).json()) as {
      guilds: { id: string; users: { id: string }[] }[];
    };
    const guild = session.guilds.find((candidate) => candidate.id === guildId) ?? session.guilds[0]!;
    await page.request.post(`${sandbox.url}/api/post`, { data: { guildId: guild.id, userId: guild.users[0]!.id, content } });
    await page.reload();
    const message = page.locator('discord-message', { hasText: 'small print' }).last();
    await expect.poll(() => message.count()).toBe(1);
    const html = await message.locator('.content').innerHTML();
    expect(html).toMatch(/<h1>Big<\/h1>/);
    expect(html).not.toMatch(/<h4/);
    expect(html).toContain('#### not a header');
    expect(html).toMatch(/<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/);
    expect(html).toMatch(/<span class="spoiler" tabindex="0">secret<\/span>/);
    expect(html).toMatch(/<u>underlined<\/u>/);
    expect(html).toMatch(/<pre><code>const x = 1;/);
    expect(html).toMatch(/<a href="https:\/\/example.org\/docs">docs<\/a>/);
    expect(html).toMatch(/<time class="timestamp" datetime="2023-11-14T22:13:20.000Z">/);
    expect(html).toMatch(/<p class="subtext">small print<\/p>/);
    expect(html).not.toMatch(/<table|<img/);
    expect(await message.locator('.spoiler').evaluate((element) => getComputedStyle(element).color)).toBe('rgba(0, 0, 0, 0)');
    await message.locator('.spoiler').click();
    expect(await message.locator('.spoiler').getAttribute('class')).toContain('revealed');
    await shot('markdown');
  });

  it('renders only web and Discord links from answer text: a javascript: link shows as text', async () => {
    await openAddForm();
    await page.fill('#modal-fields [name="question"]', 'Where are the Discord Kafka docs kept?');
    await page.fill(
      '#modal-fields [name="answer"]',
      'See [docs](javascript:alert(2)), [data](data:text/html,hi) or [the site](https://example.com/docs).',
    );
    await page.fill('#modal-fields [name="tags"]', 'Discord');
    await page.click('#modal-submit');
    await expect.poll(() => page.locator('discord-message[ephemeral]').last().locator('.content').textContent()).toMatch(/Added/);

    await send('/ask Where are the Discord Kafka docs kept?');
    const answer = page.locator('discord-message').last();
    await expect.poll(() => answer.locator('discord-embed').getAttribute('embed-title')).toBe('Where are the Discord Kafka docs kept?');
    const hrefs = await answer.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs).toContain('https://example.com/docs');
    expect(hrefs.filter((href) => /^(javascript|data):/i.test(href))).toEqual([]);
    expect(await answer.textContent()).toContain('docs');
    await shot('safe-links');
  });

  it('"Add to FAQ" from a message\'s Apps menu opens the form with the message as the answer', async () => {
    await page.goto(sandbox.url);
    await becomeUser('moderator');
    await page.fill('#input', 'Discord serves voice with Elixir and Rust.');
    await page.keyboard.press('Enter');
    const posted = page.locator('discord-message', { hasText: 'Discord serves voice with Elixir and Rust.' }).last();
    // Like Discord's message toolbar, Apps shows on hover.
    expect(await posted.locator('button.apps').isVisible()).toBe(false);
    await posted.hover();
    await posted.locator('button.apps').click();
    await page.locator('.apps-menu button', { hasText: 'Add to FAQ' }).click();
    await expect.poll(() => page.locator('#modal').getAttribute('open')).not.toBeNull();
    expect(await page.inputValue('#modal-fields [name="answer"]')).toBe('Discord serves voice with Elixir and Rust.');
    await shot('add-to-faq');
    await page.click('#modal-cancel');
  });

  it('"Answer with Stackwise" from a message\'s Apps menu replies to it without a ping; a DM with the bot answers apart', async () => {
    // Server B's people: the other tests ask as server A's, and each person may ask 5 questions per 10 s.
    await page.goto(sandbox.url);
    await page.selectOption('#guild', { label: 'Stackwise Sandbox B' });
    await page.selectOption('#user', { label: 'b-member (member)' });
    await send('Which database does Discord use?');
    const posted = page.locator('discord-message', { hasText: 'Which database does Discord use?' }).last();
    await posted.hover();
    await posted.locator('button.apps').click();
    await page.locator('.apps-menu button', { hasText: 'Answer with Stackwise' }).click();
    const reply = page.locator('discord-message', { has: page.locator('discord-reply') }).last();
    await expect.poll(() => reply.locator('discord-embed').getAttribute('embed-title')).toMatch(/Discord/);
    expect(await reply.locator('discord-reply').getAttribute('author')).toBe('b-member');
    // Not pinged: Discord draws a reply that mentions its author with an "@".
    expect(await reply.locator('discord-reply').getAttribute('mentions')).toBeNull();
    await shot('answer-with-stackwise');

    await page.selectOption('#guild', 'dm');
    await page.selectOption('#user', { label: 'b-moderator (moderator)' });
    await expect.poll(() => page.locator('header strong').textContent()).toBe('@Stackwise');
    await send('/ask Does Netflix use Apache Spark?');
    const answer = page.locator('discord-message').last();
    await expect.poll(() => answer.locator('discord-embed').getAttribute('embed-title')).toBe('Does Netflix use Apache Spark?');
    expect(await page.locator('discord-message', { hasText: 'Which database does Discord use?' }).count()).toBe(0);
    await shot('direct-message');
    await page.selectOption('#guild', { index: 0 });
  });

  it('/faq import takes a file from disk: a dry run, then Import', async () => {
    await page.goto(sandbox.url);
    await becomeUser('moderator');
    await page.fill('#input', '/faq import ');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#file-box').isVisible()).toBe(true);
    await page.setInputFiles('#file', {
      name: 'entries.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from('entries:\n  - question: Which CDN does the sandbox use?\n    answer: None, it runs on loopback.\n'),
    });
    await page.locator('#composer').evaluate((form: HTMLFormElement) => form.requestSubmit());
    const preview = page.locator('discord-message[ephemeral]', { hasText: 'Dry run of' }).last();
    await expect.poll(() => preview.locator('.content').textContent()).toMatch(/Dry run of entries\.yaml: 1 to add/);
    await shot('import-dry-run');
    await preview.locator('discord-button', { hasText: 'Import' }).click();
    await expect.poll(() => page.locator('discord-message[ephemeral]', { hasText: 'Imported' }).count()).toBeGreaterThan(0);
    await shot('imported');
  });

  it('fits a 390 px phone in light and dark: a short header, no sideways scrolling, the welcome and a favicon', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
    try {
      await phone.goto(sandbox.url);
      await expect.poll(() => phone.locator('.welcome').isVisible()).toBe(true);
      expect(await phone.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await phone.screenshot({ path: path.join(ARTIFACTS, 'sandbox-phone-light.png') });
      const header = await phone.locator('header').boundingBox();
      expect(header!.height).toBeLessThan(110);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      for (const control of ['#guild', '#user', '#locale', '#reset']) {
        const box = await phone.locator(control).boundingBox();
        expect(box!.x + box!.width, control).toBeLessThanOrEqual(390);
      }
      await phone.click('#theme');
      expect(await phone.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await phone.screenshot({ path: path.join(ARTIFACTS, 'sandbox-phone-dark.png') });
      // The choice outlives a reload.
      await phone.reload();
      expect(await phone.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await phone.locator('.welcome button', { hasText: '/stack Discord' }).click();
      expect(await phone.inputValue('#input')).toBe('/stack Discord');
      expect((await phone.request.get(`${sandbox.url}/favicon.svg`)).status()).toBe(200);
    } finally {
      await phone.close();
    }
  });

  it('a post in the help forum gets its answer in its thread; its author marks it solved and replies there', async () => {
    await page.goto(sandbox.url);
    await expect.poll(() => page.locator('#channel option').count()).toBe(2);
    await page.selectOption('#channel', { label: 'help (forum)' });
    await page.fill('#post-title', 'Storage question');
    await page.fill('#post-body', 'Which database does Netflix use?');
    await page.click('#post-form button[type="submit"]');
    const post = page.locator('section.post').first();
    await expect.poll(() => post.locator('h2').textContent()).toMatch(/Storage question/);
    const answer = post.locator('discord-message[bot]');
    await expect.poll(() => answer.locator('discord-embed').getAttribute('embed-title')).toBe('Which database does Netflix use?');
    await expect
      .poll(() => answer.locator('discord-button').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/That solved it/)]));
    await shot('forum-answer');

    // The page's member wrote the post, so "That solved it" is theirs to press.
    await post.locator('discord-button', { hasText: 'That solved it' }).click();
    await expect
      .poll(() => post.locator('discord-button').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/Solved/)]));
    await post.locator('form.reply input').fill('Thanks, that was it.');
    await post.locator('form.reply input').press('Enter');
    await expect.poll(() => post.locator('discord-message').last().textContent()).toMatch(/Thanks, that was it/);
    await page.selectOption('#channel', { label: '# general' });
  });

  it('"Dismiss message" removes an ephemeral message for its reader', async () => {
    await page.goto(sandbox.url);
    await send('/ask how much is a netflix plan');
    const note = page.locator('discord-message[ephemeral]').last();
    await expect.poll(() => note.textContent()).toMatch(/subscription/);
    const count = await page.locator('discord-message[ephemeral]').count();
    await note.locator('.discord-message-ephemeral-link').click();
    await expect.poll(() => page.locator('discord-message[ephemeral]').count()).toBe(count - 1);
  });

  it('shows a banner while the sandbox server cannot be reached, and carries on once it can', async () => {
    await page.goto(sandbox.url);
    await expect.poll(() => page.locator('discord-message').count()).toBeGreaterThan(0);
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await send('/ask Does Netflix use Apache Spark?');
    await expect.poll(() => page.locator('#offline').isVisible()).toBe(true);
    await shot('offline');
    const before = await page.locator('discord-message').count();
    await page.unroute('**/api/**');
    await expect.poll(() => page.locator('#offline').isVisible(), { timeout: 15_000 }).toBe(false);
    // The question sent while offline goes out once the server is back.
    await expect.poll(() => page.locator('discord-message').count(), { timeout: 15_000 }).toBeGreaterThan(before);
  });

  it('a restart keeps the servers, the channel history, entries and votes; Reset sandbox, once confirmed, empties it', async () => {
    await page.goto(sandbox.url);
    await expect.poll(() => page.locator('discord-message:not([ephemeral])').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const before = await page.locator('discord-message:not([ephemeral])').count();
    await sandbox.stop();
    sandbox = await startHere();
    expect(sandbox.dataDir).toBe(path.join(dataDir, 'sandbox'));

    await page.goto(sandbox.url);
    await expect.poll(() => page.locator('discord-message:not([ephemeral])').count(), { timeout: 10_000 }).toBe(before);
    // The vote from before the restart still counts.
    await send('/ask Does Netflix use Apache Spark?');
    const again = page.locator('discord-message').last();
    await expect.poll(() => again.locator('.embed-footer').textContent()).toMatch(/100% helpful \(1 vote\)/);
    // So does the entry a moderator added.
    await send('/ask Why did Discord move from Cassandra to ScyllaDB?');
    await expect
      .poll(() => page.locator('discord-message').last().locator('discord-embed').getAttribute('embed-title'))
      .toBe('Why did Discord move from Cassandra to ScyllaDB?');
    await shot('after-restart');

    page.once('dialog', (dialog) => dialog.dismiss());
    await page.click('#reset');
    expect(await page.locator('discord-message:not([ephemeral])').count()).toBeGreaterThan(0);
    page.once('dialog', (dialog) => dialog.accept());
    // The page reloads once the sandbox is reset; it is ready when it knows who is typing.
    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    await page.click('#reset');
    await reloaded;
    await expect.poll(() => page.locator('#user option').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('discord-message').count()).toBe(0);
    await send('/ask Why did Discord move from Cassandra to ScyllaDB?');
    await expect.poll(() => page.locator('discord-message').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('discord-message').last().locator('discord-embed').getAttribute('embed-title')).not.toBe(
      'Why did Discord move from Cassandra to ScyllaDB?',
    );
  });
});

// The sandbox page: a small Discord client for the local emulator.
import '@skyra/discord-components-core';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  TextInputStyle,
} from '/discord-constants.js';
import { drawEmoji } from './emoji.js';
import { escapeHtml, markdown } from './markdown.js';
import { collectOptions, leadingOption, splitOptions, typeName, valuesFor } from './options.js';

const $ = (selector) => document.querySelector(selector);
const state = { session: null, guild: null, user: null, channel: null, choices: [], selected: 0, picked: null, modal: null };
const inForum = () => state.channel?.type === ChannelType.GuildForum;

/** How long the page follows a deferred reply ("Stackwise is thinking…") before it stops polling. */
const DEFERRED_POLLS = { tries: 40, intervalMs: 250 };

/** How often the page tries the sandbox server again once it has lost it. */
const RECONNECT_MS = 2000;

/**
 * Every call to the sandbox server. When the server cannot be reached (stopped, restarting), a banner
 * says so and the page keeps trying; the call resolves once the server answers again.
 */
async function api(path, body) {
  for (;;) {
    try {
      const response = await fetch(
        path,
        body
          ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: currentLocale(), ...body }) }
          : {},
      );
      $('#offline').hidden = true;
      return await response.json();
    } catch {
      $('#offline').hidden = false;
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }
}

/** The languages the bot speaks, as Discord names them: the picker sets the locale of every interaction sent. */
const LOCALES = [
  ['en-US', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es-ES', 'Español'],
  ['pt-BR', 'Português (BR)'],
  ['ja', '日本語'],
];

/** The picked language, kept in this browser. */
function currentLocale() {
  const chosen = localStorage.getItem('locale');
  return LOCALES.some(([code]) => code === chosen) ? chosen : 'en-US';
}

function setUpLocalePicker() {
  const picker = $('#locale');
  picker.innerHTML = LOCALES.map(
    ([code, name]) => `<option value="${code}" ${code === currentLocale() ? 'selected' : ''}>${escapeHtml(name)}</option>`,
  ).join('');
  picker.addEventListener('change', (event) => localStorage.setItem('locale', event.target.value));
}

/** Light or dark: the toggle's choice, kept in this browser, or else the system setting. */
function applyTheme() {
  const chosen = localStorage.getItem('theme');
  const light = chosen ? chosen === 'light' : window.matchMedia('(prefers-color-scheme: light)').matches;
  document.documentElement.dataset.theme = light ? 'light' : 'dark';
  $('#theme').textContent = light ? '☾ Dark' : '☀ Light';
}

const actor = () => ({ guildId: state.guild.id, userId: state.user.id });
const slashCommands = () =>
  state.guild.commands.filter((command) => (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput);
const messageCommands = () => state.guild.commands.filter((command) => command.type === ApplicationCommandType.Message);

// Avatars are drawn here, so the page never reaches for Discord's CDN.
const avatar = (color) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20" fill="${color}"/></svg>`)}`;
const BOT_AVATAR = avatar('#5865f2');
const USER_AVATAR = avatar('#3ba55c');
const BUTTON_TYPES = {
  [ButtonStyle.Primary]: 'primary',
  [ButtonStyle.Secondary]: 'secondary',
  [ButtonStyle.Success]: 'success',
  [ButtonStyle.Danger]: 'destructive',
};
const attribute = (value) => escapeHtml(value ?? '');

function renderEmbed(embed) {
  const fields = (embed.fields ?? [])
    .map((field) => `<discord-embed-field field-title="${attribute(field.name)}">${markdown(field.value)}</discord-embed-field>`)
    .join('');
  const color = embed.color === undefined ? '' : `color="#${embed.color.toString(16).padStart(6, '0')}"`;
  // An image the bot attached (a chart): shown in the embed, as Discord does, from the emulator's own port.
  const image = imageUrl(embed) ? `image="${attribute(imageUrl(embed))}"` : '';
  return `<discord-embed slot="embeds" class="embed" embed-title="${attribute(embed.title)}" ${color} ${image}>
    <discord-embed-description slot="description">${markdown(embed.description)}</discord-embed-description>
    ${fields ? `<discord-embed-fields slot="fields">${fields}</discord-embed-fields>` : ''}
    ${embed.footer ? `<discord-embed-footer slot="footer" class="embed-footer">${escapeHtml(embed.footer.text)}</discord-embed-footer>` : ''}
  </discord-embed>`;
}

function renderButtons(message) {
  const rows = (message.components ?? []).map(
    (row) =>
      `<discord-action-row>${row.components
        .map(
          (button) =>
            `<discord-button type="${BUTTON_TYPES[button.style] ?? 'secondary'}" data-message="${message.id}" data-custom-id="${attribute(button.custom_id)}">${button.emoji ? `${escapeHtml(button.emoji.name)} ` : ''}${escapeHtml(button.label)}</discord-button>`,
        )
        .join('')}</discord-action-row>`,
  );
  return rows.length ? `<discord-attachments slot="components">${rows.join('')}</discord-attachments>` : '';
}

/** An embed's image, when it is a web address (the emulator serves attachments over http). */
function imageUrl(embed) {
  const url = embed.image?.url;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : undefined;
}

/** Files, except those an embed shows as its image: Discord shows those only in the embed. */
function renderAttachments(message) {
  const inEmbeds = new Set((message.embeds ?? []).map(imageUrl).filter(Boolean));
  return (message.attachments ?? [])
    .filter((file) => !inEmbeds.has(file.url))
    .map(
      (file) =>
        `<a class="attachment" href="${attribute(file.url)}" download="${attribute(file.filename)}">📎 ${escapeHtml(file.filename)} <small>${file.size} bytes</small></a>`,
    )
    .join('');
}

/** The line above a reply, as Discord draws it: who it answers and the start of their message; "@" only if it pinged them. */
function renderReplyTo(message, byId) {
  const referencedId = message.message_reference?.message_id;
  if (!referencedId) return '';
  const referenced = byId.get(referencedId);
  if (!referenced) return '<discord-reply slot="reply" class="replied" deleted></discord-reply>';
  const pinged = (message.mentions ?? []).some((user) => user.id === referenced.author?.id);
  const name = referenced.author?.global_name ?? referenced.author?.username ?? 'someone';
  const snippet = (referenced.content || referenced.embeds?.[0]?.title || '').slice(0, 100);
  return `<discord-reply slot="reply" class="replied" author="${attribute(name)}" avatar="${referenced.author?.bot ? BOT_AVATAR : USER_AVATAR}" ${pinged ? 'mentions' : ''}>${escapeHtml(snippet)}</discord-reply>`;
}

function renderMessage(message, apps, byId = new Map()) {
  const bot = message.author?.bot === true;
  const thinking = (message.flags ?? 0) & MessageFlags.Loading ? '<div class="content thinking">Stackwise is thinking…</div>' : '';
  const author = bot ? 'Stackwise' : (message.author?.global_name ?? message.author?.username ?? 'someone');
  const used = message.interaction
    ? `<discord-command slot="reply" class="used" author="${attribute(message.interaction.user?.username ?? 'someone')}" avatar="${USER_AVATAR}" command="/${attribute(message.interaction.name)}"></discord-command>`
    : renderReplyTo(message, byId);
  const appsButton = apps && !message.visibleTo ? `<button class="apps" data-apps="${message.id}" title="Apps">Apps ▾</button>` : '';
  return `<discord-message class="message" data-id="${message.id}" author="${attribute(author)}" avatar="${bot ? BOT_AVATAR : USER_AVATAR}" ${bot ? 'bot' : ''} ${message.visibleTo ? 'ephemeral' : ''} timestamp="${attribute(new Date(message.timestamp).toLocaleString())}">
    ${used}${thinking}
    ${message.content ? `<div class="content">${markdown(message.content)}</div>` : ''}
    ${renderAttachments(message)}
    ${(message.embeds ?? []).map(renderEmbed).join('')}
    ${renderButtons(message)}${appsButton}
  </discord-message>`;
}

/** How often the page looks for messages it was not told about (follow-ups, other people's), as a gateway would push them. */
const FOLLOW_MS = 1000;
/** A follow-up usually lands this soon after the response it follows. */
const FOLLOW_UP_MS = 200;

/** Fetches the channel and redraws it when something changed (`force` redraws anyway, e.g. for a theme). */
async function refresh(force = false) {
  if (inForum()) return refreshForum(force);
  const { messages } = await api(`/api/messages?guildId=${state.guild.id}&userId=${state.user.id}`);
  state.thinking = messages.some((message) => (message.flags ?? 0) & MessageFlags.Loading);
  const shown = JSON.stringify(messages);
  if (shown === state.shown && !force) return;
  state.shown = shown;
  const apps = messageCommands().length > 0;
  const byId = new Map(messages.map((message) => [message.id, message]));
  const light = document.documentElement.dataset.theme === 'light' ? 'light-theme' : '';
  $('#messages').innerHTML =
    `${WELCOME}<discord-messages ${light}>${messages.map((message) => renderMessage(message, apps, byId)).join('')}</discord-messages>`;
  showPlace();
  drawEmoji($('#messages'));
  for (const element of document.querySelectorAll('discord-message[ephemeral]')) {
    element.dismissMessageClicked = async () => {
      await api('/api/dismiss', { ...actor(), messageId: element.dataset.id });
      await refresh();
    };
  }
  // The components render after this task; scroll once they have their height.
  requestAnimationFrame(() => {
    $('#messages').scrollTop = $('#messages').scrollHeight;
  });
}

/** A forum: its posts, newest first, each with its thread and a box to reply in it. */
async function refreshForum(force) {
  const { posts } = await api(`/api/forum?guildId=${state.guild.id}&userId=${state.user.id}&channelId=${state.channel.id}`);
  state.thinking = false;
  const shown = JSON.stringify(posts);
  if (shown === state.shown && !force) return;
  state.shown = shown;
  const apps = messageCommands().length > 0;
  const light = document.documentElement.dataset.theme === 'light' ? 'light-theme' : '';
  $('#messages').innerHTML = `${forumWelcome()}${posts
    .map(
      (post) => `<section class="post" data-thread="${post.id}">
        <h2>💬 ${escapeHtml(post.name)}</h2>
        <discord-messages ${light}>${post.messages.map((message) => renderMessage(message, apps)).join('')}</discord-messages>
        <form class="reply" data-thread="${post.id}" autocomplete="off">
          <input name="content" placeholder="Reply in this post" aria-label="Reply in ${attribute(post.name)}" maxlength="2000">
        </form>
      </section>`,
    )
    .join('')}`;
  drawEmoji($('#messages'));
  for (const element of document.querySelectorAll('discord-message[ephemeral]')) {
    element.dismissMessageClicked = async () => {
      await api('/api/dismiss', { ...actor(), messageId: element.dataset.id });
      await refresh();
    };
  }
}

const forumWelcome = () => `<section class="welcome">
  <h1>Welcome to #${escapeHtml(state.channel.name)}</h1>
  <p>A help forum. Stackwise answers each new post in its thread, once, when it is sure; otherwise it says nothing and the
  question waits in <code>/faq unanswered</code>. It reads the title and the message. The moderator can press
  <strong>That solved it</strong> for anyone; a member only on their own post.</p>
  <p>Auto-answer is on here from the start; in #general, <code>/faq settings stop-auto-answer:</code> turns it off.</p>
  <button type="button" data-post="Does Netflix use Apache Spark?">Post “Does Netflix use Apache Spark?”</button>
</section>`;

/** The top of the channel, as Discord starts one: what this is and what to try first. */
const WELCOME = `<section class="welcome">
  <h1 id="welcome-title">Welcome to #general</h1>
  <p>A local Discord: the real Stackwise bot answers here. Type <kbd>/</kbd> to see its commands, or try:</p>
  <button type="button" data-try="/ask Does Netflix use Apache Spark?">/ask Does Netflix use Apache Spark?</button>
  <button type="button" data-try="/ask Netflix vs Spotify databases">/ask Netflix vs Spotify databases</button>
  <button type="button" data-try="/stack Discord">/stack Discord</button>
  <p>Switch to the moderator at the top to curate with <code>/faq add</code>, or to a direct message with Stackwise.</p>
</section>`;

function showNotice(text) {
  const notice = $('#notice');
  notice.textContent = text;
  notice.hidden = !text;
}

function showPicker(items) {
  state.choices = items;
  state.selected = 0;
  const picker = $('#picker');
  picker.hidden = items.length === 0;
  picker.innerHTML = items
    .map(
      (item, index) =>
        `<li role="option" data-index="${index}" aria-selected="${index === 0}">${escapeHtml(item.label)}${item.detail ? `<small>${escapeHtml(item.detail)}</small>` : ''}</li>`,
    )
    .join('');
}

/**
 * "/faq edit some words" -> the command, its subcommand (when it has them), the options that
 * apply, and what was typed for the first text option.
 */
function parseInput(text) {
  const match = /^\/(\S*)(\s+)?([\s\S]*)$/.exec(text);
  if (!match) return null;
  const command = slashCommands().find((candidate) => candidate.name === match[1]);
  const parsed = {
    name: match[1],
    command,
    prefix: `/${match[1]} `,
    rest: match[3] ?? '',
    complete: match[2] !== undefined,
    subcommands: [],
    subcommand: null,
  };
  if (!command) return parsed;
  parsed.subcommands = (command.options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
  if (parsed.subcommands.length === 0) return { ...parsed, options: command.options ?? [] };
  const sub = /^(\S*)(\s+)?([\s\S]*)$/.exec(parsed.rest);
  const subcommand = parsed.subcommands.find((candidate) => candidate.name === sub[1]) ?? null;
  return {
    ...parsed,
    typedSubcommand: sub[1],
    subcommand,
    // Chosen for sure once a space follows it; "/faq add" alone can still be sent.
    subcommandComplete: subcommand !== null && sub[2] !== undefined,
    prefix: subcommand ? `/${match[1]} ${subcommand.name} ` : parsed.prefix,
    rest: subcommand ? (sub[3] ?? '') : '',
    options: subcommand?.options ?? [],
  };
}

const fileOption = (parsed) => (parsed?.options ?? []).find((option) => option.type === ApplicationCommandOptionType.Attachment);

let autocompleteTimer;
async function onInput() {
  const parsed = parseInput($('#input').value);
  const file = fileOption(parsed);
  $('#file-box').hidden = !file;
  if (file) $('#file-label').textContent = `${file.name}:`;
  if (!parsed) return showPicker([]);
  if (!parsed.command || !parsed.complete) {
    const commands = slashCommands().filter((command) => command.name.startsWith(parsed.name));
    return showPicker(commands.map((command) => ({ label: `/${command.name}`, detail: command.description, fill: `/${command.name} ` })));
  }
  if (parsed.subcommands.length && !parsed.subcommandComplete) {
    const subs = parsed.subcommands.filter((sub) => sub.name.startsWith(parsed.typedSubcommand ?? ''));
    return showPicker(
      subs.map((sub) => ({ label: `/${parsed.name} ${sub.name}`, detail: sub.description, fill: `/${parsed.name} ${sub.name} ` })),
    );
  }
  const options = parsed.options ?? [];
  const { leading, given, typing } = splitOptions(parsed.rest, options);
  showOptionChips(options, given);
  if (typing) {
    // "private:" or "curator-role:Mod": offer what that option takes.
    const partial = given[given.length - 1].raw.toLowerCase();
    const before = $('#input')
      .value.slice(0, $('#input').value.length - given[given.length - 1].raw.length)
      .trimEnd();
    const values = valuesFor(typing, guildLists()).filter((item) => item.label.toLowerCase().startsWith(partial));
    return showPicker(
      values.map((item) => ({ label: item.label, detail: `${typing.name}: ${typeName(typing)}`, fill: `${before}${item.label} ` })),
    );
  }
  const option = leadingOption(options);
  if (!option?.autocomplete || given.length > 0) return showPicker([]);
  clearTimeout(autocompleteTimer);
  autocompleteTimer = setTimeout(async () => {
    const { response } = await api('/api/autocomplete', {
      ...actor(),
      name: parsed.command.name,
      subcommand: parsed.subcommand?.name,
      focused: option.name,
      value: leading,
    });
    showPicker(
      (response.data?.choices ?? []).map((choice) => ({ label: choice.name, fill: `${parsed.prefix}${choice.name}`, value: choice.value })),
    );
  }, 120);
}

/** The server's people, roles and channels, for options that take them. */
function guildLists() {
  return { users: state.guild.users, roles: state.guild.roles, channels: state.guild.channels };
}

/** One chip per option not given yet, as Discord lists them above the composer; a click starts typing it. */
function showOptionChips(options, given) {
  const named = new Set(given.map(({ option }) => option.name));
  const lead = leadingOption(options);
  const open = options.filter(
    (option) => option !== lead && option.type !== ApplicationCommandOptionType.Attachment && !named.has(option.name),
  );
  $('#options').hidden = open.length === 0;
  $('#options').innerHTML = open
    .map(
      (option) =>
        `<button type="button" class="chip" data-option="${attribute(option.name)}" title="${attribute(`${option.description} (${typeName(option)})`)}">${escapeHtml(option.name)}${option.required ? ' <em>*</em>' : ''}</button>`,
    )
    .join('');
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * What the bot answered: a form to fill in, or messages to show. `shownBefore` is what the page showed
 * before the click, so that a deferred update (the bot edits the message later) is followed until it lands.
 */
async function handleResult(result, shownBefore) {
  if (result.error) return false;
  const type = result.response?.type;
  if (type === InteractionResponseType.Modal) openModal(result.response.data);
  await refresh();
  const waiting = () =>
    (type === InteractionResponseType.DeferredChannelMessageWithSource && state.thinking) ||
    (type === InteractionResponseType.DeferredMessageUpdate && state.shown === shownBefore);
  // A follow-up (a vote's acknowledgement, say) comes right after the response.
  await new Promise((resolve) => setTimeout(resolve, FOLLOW_UP_MS));
  await refresh();
  // A deferred reply is edited later: follow it until it has arrived.
  for (let poll = 0; waiting() && poll < DEFERRED_POLLS.tries; poll++) {
    await new Promise((resolve) => setTimeout(resolve, DEFERRED_POLLS.intervalMs));
    await refresh();
  }
  return true;
}

async function submit(event) {
  event.preventDefault();
  const text = $('#input').value.trim();
  showPicker([]);
  if (!text) return;
  if (!text.startsWith('/')) {
    await api('/api/post', { ...actor(), content: text });
    $('#input').value = '';
    return refresh();
  }
  const parsed = parseInput(text);
  if (!parsed?.command) return showNotice(`There is no /${parsed?.name ?? ''} command. Type / to see them.`);
  if (parsed.subcommands.length && !parsed.subcommand) {
    return showNotice(`/${parsed.name} needs a subcommand: ${parsed.subcommands.map((sub) => sub.name).join(', ')}.`);
  }
  const chosen = fileOption(parsed) ? $('#file').files[0] : undefined;
  const file = chosen ? { filename: chosen.name, contentType: chosen.type, base64: await readFile(chosen) } : undefined;
  // A picked autocomplete choice shows its name but sends its value, as Discord does.
  const { leading } = splitOptions(parsed.rest, parsed.options ?? []);
  const picked = state.picked && `${parsed.prefix}${leading}` === state.picked.fill.trimEnd() ? state.picked.value : undefined;
  const { values: options, problems } = collectOptions(parsed.rest, parsed.options ?? [], guildLists(), file, picked);
  if (problems.length) return showNotice(problems.join(' · '));
  const result = await api('/api/command', { ...actor(), name: parsed.command.name, subcommand: parsed.subcommand?.name, options });
  if (result.error)
    return showNotice(`Discord would not send that: ${result.error} Try /${parsed.command.name} followed by what it asks for.`);
  $('#input').value = '';
  $('#file').value = '';
  $('#file-box').hidden = true;
  $('#options').hidden = true;
  state.picked = null;
  showNotice('');
  await handleResult(result);
}

function pick(index) {
  const choice = state.choices[index];
  if (!choice) return;
  $('#input').value = choice.fill;
  state.picked = choice.value === undefined ? null : choice;
  $('#input').focus();
  showPicker([]);
  // A picked command goes on to its subcommands or options; a picked choice is ready to send.
  if (choice.fill.endsWith(' ')) onInput();
}

/** The text inputs of a modal, whether in labels or (the older layout) in action rows. */
function modalInputs(data) {
  return (data.components ?? []).flatMap((component) => {
    if (component.type === ComponentType.Label && component.component?.type === ComponentType.TextInput) {
      return [{ label: component.label, description: component.description, input: component.component }];
    }
    if (component.type === ComponentType.ActionRow) {
      return (component.components ?? [])
        .filter((child) => child.type === ComponentType.TextInput)
        .map((input) => ({ label: input.label, input }));
    }
    return [];
  });
}

function openModal(data) {
  state.modal = data;
  $('#modal-title').textContent = data.title;
  $('#modal-fields').innerHTML = modalInputs(data)
    .map(({ label, description, input }) => {
      const common = `name="${escapeHtml(input.custom_id)}" ${input.required === false ? '' : 'required'} ${input.max_length ? `maxlength="${input.max_length}"` : ''} ${input.min_length ? `minlength="${input.min_length}"` : ''} placeholder="${escapeHtml(input.placeholder ?? '')}"`;
      const field =
        input.style === TextInputStyle.Paragraph
          ? `<textarea ${common} rows="4">${escapeHtml(input.value ?? '')}</textarea>`
          : `<input ${common} value="${escapeHtml(input.value ?? '')}">`;
      return `<label class="modal-field"><span>${escapeHtml(label ?? '')}${input.required === false ? '' : ' <em>*</em>'}</span>${description ? `<small>${escapeHtml(description)}</small>` : ''}${field}</label>`;
    })
    .join('');
  $('#modal').showModal();
}

async function submitModal(event) {
  event.preventDefault();
  const fields = Object.fromEntries(new FormData($('#modal-form')).entries());
  $('#modal').close();
  const result = await api('/api/modal', { ...actor(), customId: state.modal.custom_id, fields });
  if (result.error) showNotice(`Discord would not send that form: ${result.error}`);
  await handleResult(result);
}

/** A new post: its answer comes a moment later, as the bot reads the post and replies in its thread. */
async function followForum() {
  await refresh();
  for (let poll = 0; poll < DEFERRED_POLLS.tries / 4; poll++) {
    await new Promise((resolve) => setTimeout(resolve, DEFERRED_POLLS.intervalMs));
    await refresh();
  }
}

function showApps(button) {
  for (const menu of document.querySelectorAll('.apps-menu')) menu.remove();
  const menu = document.createElement('div');
  menu.className = 'apps-menu';
  menu.innerHTML = messageCommands()
    .map(
      (command) =>
        `<button data-app="${escapeHtml(command.name)}" data-message="${button.dataset.apps}">${escapeHtml(command.name)}</button>`,
    )
    .join('');
  button.after(menu);
}

/** The channels the page shows: a server's main text channel and its forums (a DM has none to pick). */
const shownChannels = () =>
  state.guild.channels.filter((channel) => channel.id === state.guild.channelId || channel.type === ChannelType.GuildForum);

function showChannel(channelId) {
  state.channel = shownChannels().find((channel) => channel.id === channelId) ?? shownChannels()[0];
  $('#composer').hidden = inForum();
  $('#post-form').hidden = !inForum();
  $('#channel-picker').hidden = shownChannels().length === 0;
  showPicker([]);
  state.shown = undefined;
}

/** What the header, the composer and the welcome say for a server's channel (picked in the header) or a DM with the bot. */
function showPlace() {
  const dm = state.guild.id === state.session.dm.id;
  $('#place').hidden = !dm;
  const channel = `#${state.channel?.name ?? 'general'}`;
  $('#input').placeholder = `Message ${dm ? '@Stackwise' : channel} — try /ask Does Netflix use Apache Spark?`;
  const title = $('#welcome-title');
  if (title) title.textContent = dm ? 'This is the beginning of your direct messages with Stackwise' : `Welcome to ${channel}`;
}

function switchTo(guildId, userId, channelId) {
  state.guild = guildId === state.session.dm.id ? state.session.dm : state.session.guilds.find((guild) => guild.id === guildId);
  state.user = state.guild.users.find((user) => user.id === userId) ?? state.guild.users[0];
  showChannel(channelId ?? state.channel?.id);
  $('#channel').innerHTML = shownChannels()
    .map(
      (channel) =>
        `<option value="${channel.id}" ${channel.id === state.channel?.id ? 'selected' : ''}>${channel.type === ChannelType.GuildForum ? `${escapeHtml(channel.name)} (forum)` : `# ${escapeHtml(channel.name)}`}</option>`,
    )
    .join('');
  $('#user').innerHTML = state.guild.users
    .map(
      (user) =>
        `<option value="${user.id}" ${user.id === state.user.id ? 'selected' : ''}>${escapeHtml(user.name)} (${user.role})</option>`,
    )
    .join('');
  showPlace();
  refresh(true);
}

async function start() {
  applyTheme();
  setUpLocalePicker();
  setInterval(() => {
    if (state.guild && !document.hidden) refresh();
  }, FOLLOW_MS);
  state.session = await api('/api/session');
  $('#guild').innerHTML = [...state.session.guilds, state.session.dm]
    .map((place) => `<option value="${place.id}">${escapeHtml(place.name)}</option>`)
    .join('');
  switchTo(state.session.guilds[0].id);
  $('#guild').addEventListener('change', (event) => switchTo(event.target.value));
  $('#user').addEventListener('change', (event) => switchTo(state.guild.id, event.target.value));
  $('#channel').addEventListener('change', (event) => {
    showChannel(event.target.value);
    refresh(true);
  });
  $('#post-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await api('/api/forum-post', {
      ...actor(),
      channelId: state.channel.id,
      title: $('#post-title').value,
      content: $('#post-body').value,
    });
    if (result.error) return showNotice(result.error);
    $('#post-title').value = '';
    $('#post-body').value = '';
    showNotice('');
    await followForum();
  });
  $('#messages').addEventListener('submit', async (event) => {
    const form = event.target.closest('form.reply');
    if (!form) return;
    event.preventDefault();
    const content = form.elements.content.value.trim();
    if (!content) return;
    await api('/api/post', { ...actor(), channelId: form.dataset.thread, content });
    await refresh();
  });
  $('#input').addEventListener('input', onInput);
  $('#input').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') clearTimeout(autocompleteTimer);
    if ($('#picker').hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      state.selected = (state.selected + (event.key === 'ArrowDown' ? 1 : -1) + state.choices.length) % state.choices.length;
      for (const [index, item] of [...document.querySelectorAll('#picker li')].entries()) {
        item.setAttribute('aria-selected', String(index === state.selected));
      }
    } else if (event.key === 'Tab' || event.key === 'Enter') {
      event.preventDefault();
      pick(state.selected);
    } else if (event.key === 'Escape') {
      clearTimeout(autocompleteTimer);
      showPicker([]);
    }
  });
  $('#picker').addEventListener('click', (event) => pick(Number(event.target.closest('li')?.dataset.index)));
  $('#options').addEventListener('click', (event) => {
    const chip = event.target.closest('[data-option]');
    if (!chip) return;
    const input = $('#input');
    input.value = `${input.value.trimEnd()} ${chip.dataset.option}:`;
    input.focus();
    onInput();
  });
  $('#composer').addEventListener('submit', submit);
  $('#modal-form').addEventListener('submit', submitModal);
  $('#modal-cancel').addEventListener('click', () => $('#modal').close());
  $('#theme').addEventListener('click', () => {
    localStorage.setItem('theme', document.documentElement.dataset.theme === 'light' ? 'dark' : 'light');
    applyTheme();
    refresh(true);
  });
  window.matchMedia('(prefers-color-scheme: light)').addEventListener('change', () => {
    applyTheme();
    refresh(true);
  });
  $('#reset').addEventListener('click', async () => {
    if (!window.confirm('Reset the sandbox? Every message, entry, vote and setting of both servers goes; the shipped corpus stays.'))
      return;
    await api('/api/reset', {});
    window.location.reload();
  });
  $('#messages').addEventListener('click', async (event) => {
    const hidden = event.target.closest('.spoiler:not(.revealed)');
    if (hidden) return hidden.classList.add('revealed');
    const samplePost = event.target.closest('button[data-post]');
    if (samplePost) {
      await api('/api/forum-post', { ...actor(), channelId: state.channel.id, title: samplePost.dataset.post, content: '' });
      return followForum();
    }
    const suggestion = event.target.closest('button[data-try]');
    if (suggestion) {
      $('#input').value = suggestion.dataset.try;
      $('#input').focus();
      return onInput();
    }
    const apps = event.target.closest('button[data-apps]');
    if (apps) return showApps(apps);
    const app = event.target.closest('button[data-app]');
    if (app) return handleResult(await api('/api/message-command', { ...actor(), name: app.dataset.app, messageId: app.dataset.message }));
    const button = event.target.closest('discord-button[data-custom-id]');
    if (!button) return;
    const shownBefore = state.shown;
    await handleResult(
      await api('/api/button', { ...actor(), messageId: button.dataset.message, customId: button.dataset.customId }),
      shownBefore,
    );
  });
}

start();

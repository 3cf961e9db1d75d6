// The sandbox page: a small Discord client for the local emulator.
import { marked } from '/vendor/marked.esm.js';

// Raw HTML in markdown is shown as text, as Discord does.
marked.use({ renderer: { html: ({ text }) => escapeHtml(text) } });

const $ = (selector) => document.querySelector(selector);
const state = { session: null, guild: null, user: null, command: null, choices: [], selected: 0 };

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function markdown(text) {
  return marked.parse(String(text ?? ''), { breaks: true });
}

async function api(path, body) {
  const response = await fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  return response.json();
}

const actor = () => ({ guildId: state.guild.id, userId: state.user.id });

function renderEmbed(embed) {
  const fields = (embed.fields ?? []).map((field) => `<div class="field-name">${escapeHtml(field.name)}</div><div>${markdown(field.value)}</div>`).join('');
  return `<div class="embed">${embed.title ? `<h3>${escapeHtml(embed.title)}</h3>` : ''}<div class="description">${markdown(embed.description)}</div>${fields}${embed.footer ? `<div class="embed-footer">${escapeHtml(embed.footer.text)}</div>` : ''}</div>`;
}

function renderButtons(message) {
  return (message.components ?? [])
    .map((row) => `<div class="row">${row.components
      .map((button) => `<button class="style-${button.style}" data-message="${message.id}" data-custom-id="${escapeHtml(button.custom_id)}">${button.emoji ? escapeHtml(button.emoji.name) + ' ' : ''}${escapeHtml(button.label)}</button>`)
      .join('')}</div>`)
    .join('');
}

async function refresh() {
  const { messages } = await fetch(`/api/messages?guildId=${state.guild.id}&userId=${state.user.id}`).then((response) => response.json());
  $('#messages').innerHTML = messages
    .map((message) => `<article class="message" data-id="${message.id}">
      ${message.interaction ? `<div class="used">${escapeHtml(message.interaction.user?.username ?? 'someone')} used <strong>/${escapeHtml(message.interaction.name)}</strong></div>` : ''}
      <div class="meta"><span class="author">Stackwise</span><span class="bot-tag">BOT</span></div>
      ${message.content ? `<div class="content">${markdown(message.content)}</div>` : ''}
      ${(message.embeds ?? []).map(renderEmbed).join('')}
      ${renderButtons(message)}
      ${message.visibleTo ? '<div class="ephemeral-note">Only you can see this</div>' : ''}
    </article>`)
    .join('');
  $('#messages').scrollTop = $('#messages').scrollHeight;
}

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
    .map((item, index) => `<li role="option" data-index="${index}" aria-selected="${index === 0}">${escapeHtml(item.label)}${item.detail ? `<small>${escapeHtml(item.detail)}</small>` : ''}</li>`)
    .join('');
}

/** "/ask some words" -> the command, its first string option and what was typed for it. */
function parseInput(text) {
  const match = /^\/(\S*)(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) return null;
  const command = state.guild.commands.find((candidate) => candidate.name === match[1]);
  return { name: match[1], command, rest: match[2] ?? '', complete: match[2] !== undefined };
}

let autocompleteTimer;
async function onInput() {
  const parsed = parseInput($('#input').value);
  if (!parsed) return showPicker([]);
  if (!parsed.command || !parsed.complete) {
    const commands = state.guild.commands.filter((command) => command.name.startsWith(parsed.name));
    return showPicker(commands.map((command) => ({ label: `/${command.name}`, detail: command.description, fill: `/${command.name} ` })));
  }
  const option = (parsed.command.options ?? []).find((candidate) => candidate.autocomplete);
  if (!option) return showPicker([]);
  clearTimeout(autocompleteTimer);
  autocompleteTimer = setTimeout(async () => {
    const { response } = await api('/api/autocomplete', { ...actor(), name: parsed.command.name, focused: option.name, value: parsed.rest });
    showPicker((response.data?.choices ?? []).map((choice) => ({ label: choice.name, fill: `/${parsed.command.name} ${choice.value}` })));
  }, 120);
}

async function submit(event) {
  event.preventDefault();
  const parsed = parseInput($('#input').value.trim());
  showPicker([]);
  if (!parsed?.command) return;
  const [first] = parsed.command.options ?? [];
  const options = first && parsed.rest ? { [first.name]: parsed.rest } : {};
  const result = await api('/api/command', { ...actor(), name: parsed.command.name, options });
  if (result.error) return showNotice(`Discord would not send that: ${result.error} Try /${parsed.command.name} followed by your question.`);
  $('#input').value = '';
  showNotice('');
  await refresh();
}

function pick(index) {
  const choice = state.choices[index];
  if (!choice) return;
  $('#input').value = choice.fill;
  $('#input').focus();
  showPicker([]);
  // A picked command goes on to its options; a picked question is ready to send.
  if (choice.fill.endsWith(' ')) onInput();
}

function switchTo(guildId, userId) {
  state.guild = state.session.guilds.find((guild) => guild.id === guildId);
  state.user = state.guild.users.find((user) => user.id === userId) ?? state.guild.users[0];
  $('#user').innerHTML = state.guild.users.map((user) => `<option value="${user.id}" ${user.id === state.user.id ? 'selected' : ''}>${escapeHtml(user.name)} (${user.role})</option>`).join('');
  refresh();
}

async function start() {
  state.session = await api('/api/session');
  $('#guild').innerHTML = state.session.guilds.map((guild) => `<option value="${guild.id}">${escapeHtml(guild.name)}</option>`).join('');
  switchTo(state.session.guilds[0].id);
  $('#guild').addEventListener('change', (event) => switchTo(event.target.value));
  $('#user').addEventListener('change', (event) => switchTo(state.guild.id, event.target.value));
  $('#input').addEventListener('input', onInput);
  $('#input').addEventListener('keydown', (event) => {
    if ($('#picker').hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      state.selected = (state.selected + (event.key === 'ArrowDown' ? 1 : -1) + state.choices.length) % state.choices.length;
      document.querySelectorAll('#picker li').forEach((item, index) => item.setAttribute('aria-selected', String(index === state.selected)));
    } else if (event.key === 'Tab' || event.key === 'Enter') {
      event.preventDefault();
      pick(state.selected);
    }
  });
  $('#picker').addEventListener('click', (event) => pick(Number(event.target.closest('li')?.dataset.index)));
  $('#composer').addEventListener('submit', submit);
  $('#messages').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-custom-id]');
    if (!button) return;
    await api('/api/button', { ...actor(), messageId: button.dataset.message, customId: button.dataset.customId });
    await refresh();
  });
}

start();

// DebriefPanel: the suggested-tags panel of a helpdesk sidebar app. Give it the open
// ticket; it asks Debrief for tag suggestions (POST /v1/tickets:suggest) whenever the
// ticket changes, shows each tag with its score and the text that produced it, and sends
// the agent's Accept / Reject back (POST /v1/feedback) so Debrief learns from it.
//
//   const panel = new DebriefPanel(document.getElementById('debrief'), {
//     apiUrl: 'https://debrief.example.com', agentId: 'agent-7'});
//   panel.setTicket({ticketId: '48213', subject: '...', messages: [...]});
//   element.addEventListener('debrief:accepted', (e) => helpdesk.addTag(e.detail.tag));
//
// Tickets are Debrief Ticket objects in protobuf's JSON mapping (see ../tickets/). The
// page's origin must be listed in Debrief's server.cors.allowed_origins. Plain browser
// JavaScript, no build step and no dependencies.
'use strict';

class DebriefPanel {
  // options: apiUrl (Debrief's HTTP address), agentId (recorded with feedback), maxTags
  // (0: the server's default), debounceMs (wait after the last change before asking).
  constructor(root, {apiUrl, agentId = '', maxTags = 0, debounceMs = 400}) {
    this.root = root;
    this.apiUrl = apiUrl.replace(/\/+$/, '');
    this.agentId = agentId;
    this.maxTags = maxTags;
    this.debounceMs = debounceMs;
    this.timer = null;
    this.inflight = null;  // AbortController of the suggestion request in flight
    this.decisionId = '';
    this.root.classList.add('debrief-panel');
    this.root.replaceChildren(
        el('h2', {text: 'Suggested tags'}),
        this.status = el('p', {className: 'debrief-status', role: 'status', text: 'Waiting for a ticket…'}),
        this.list = el('ul', {className: 'debrief-tags'}));
  }

  // Called whenever the ticket changes (opened, or the agent pauses typing).
  setTicket(ticket) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.suggest(ticket), this.debounceMs);
  }

  async suggest(ticket) {
    // Only the newest ticket state matters: cancel the answer to an older one.
    if (this.inflight) this.inflight.abort();
    const inflight = this.inflight = new AbortController();
    this.setStatus('Asking Debrief…', 'busy');
    try {
      const answer = await this.post('/v1/tickets:suggest', {ticket, maxTags: this.maxTags},
                                     inflight.signal);
      this.decisionId = answer.decisionId;
      this.render(answer.tags || []);
    } catch (error) {
      if (error.name !== 'AbortError') this.setStatus(error.message, 'error');
    } finally {
      if (this.inflight === inflight) this.inflight = null;
    }
  }

  render(tags) {
    this.list.replaceChildren(...tags.map((tag) => this.renderTag(tag)));
    this.setStatus(tags.length ? `${tags.length} suggested` : 'No tag is confident enough to suggest.',
                   tags.length ? 'ready' : 'empty');
  }

  renderTag(tag) {
    const percent = Math.round((tag.confidence || 0) * 100);
    const item = el('li', {className: 'debrief-tag', title: tag.description || ''});
    item.dataset.tag = tag.value;
    const accept = el('button', {className: 'debrief-accept', text: 'Accept',
                                 ariaLabel: `Accept ${tag.value}`});
    const reject = el('button', {className: 'debrief-reject', text: 'Reject',
                                 ariaLabel: `Reject ${tag.value}`});
    accept.addEventListener('click', () => this.sendFeedback(item, tag.value, 'accepted'));
    reject.addEventListener('click', () => this.sendFeedback(item, tag.value, 'rejected'));
    const meter = el('meter', {min: 0, max: 1, value: tag.confidence || 0});
    item.append(
        el('div', {className: 'debrief-tag-head'}, [
          el('span', {className: 'debrief-tag-value', text: tag.value}),
          el('span', {className: 'debrief-score', text: `${percent}%`}),
          el('span', {className: 'debrief-source', text: sourceName(tag.source)}),
        ]),
        meter,
        el('ul', {className: 'debrief-evidence'}, distinct(tag.evidence || []).slice(0, 2).map(
            (evidence) => el('li', {}, [
              el('q', {text: evidence.quote || ''}),
              el('span', {className: 'debrief-where', text: where(evidence)}),
            ]))),
        el('div', {className: 'debrief-actions'}, [accept, reject]),
        el('p', {className: 'debrief-outcome', role: 'status'}));
    return item;
  }

  async sendFeedback(item, tag, verdict) {
    const buttons = item.querySelectorAll('button');
    const outcome = item.querySelector('.debrief-outcome');
    buttons.forEach((button) => { button.disabled = true; });
    try {
      await this.post('/v1/feedback', {decisionId: this.decisionId, agentId: this.agentId,
                                       [verdict]: [tag]});
      item.dataset.verdict = verdict;
      outcome.textContent = verdict === 'accepted' ? 'Accepted' : 'Rejected';
      this.root.dispatchEvent(new CustomEvent(`debrief:${verdict}`, {detail: {tag}, bubbles: true}));
    } catch (error) {
      outcome.textContent = `Not sent: ${error.message}`;
      buttons.forEach((button) => { button.disabled = false; });
    }
  }

  // POSTs JSON; resolves with the JSON answer, rejects with Debrief's error message.
  async post(path, body, signal) {
    let response;
    try {
      response = await fetch(this.apiUrl + path, {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body), signal});
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new Error(`Cannot reach Debrief at ${this.apiUrl}`);
    }
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error((answer.error && answer.error.message) || `HTTP ${response.status}`);
    }
    return answer;
  }

  setStatus(text, state) {
    this.status.textContent = text;
    this.root.dataset.state = state;
  }
}

// Creates an element; text goes through textContent, so ticket text is never parsed as HTML.
function el(tag, {text, role, ariaLabel, ...properties} = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  if (text !== undefined) node.textContent = text;
  if (role) node.setAttribute('role', role);
  if (ariaLabel) node.setAttribute('aria-label', ariaLabel);
  node.append(...children);
  return node;
}

// Evidence spans without repeats (a keyword and a pattern may point at the same text).
function distinct(evidence) {
  const seen = new Set();
  return evidence.filter((e) => {
    const key = `${e.messageIndex || 0}:${e.start || 0}:${e.end || 0}`;
    return !seen.has(key) && seen.add(key);
  });
}

function sourceName(source) {
  return {LABEL_SOURCE_MODEL: 'model', LABEL_SOURCE_RULE: 'rule'}[source] || '';
}

// Message -1 is the subject; the JSON mapping omits index 0 (the first message).
function where(evidence) {
  const index = evidence.messageIndex || 0;
  return index < 0 ? 'subject' : `message ${index + 1}`;
}

window.DebriefPanel = DebriefPanel;

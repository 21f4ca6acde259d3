/* global document, window, fetch, setTimeout, URLSearchParams */
/**
 * The session page's timeline: loads the steps from the JSON API page by page, puts each finding and each
 * intervention (its guidance, escalation level and recovery outcome) inline at its step, links each step
 * to its raw log line, and asks again every few seconds so a session in progress grows without a reload.
 * Everything from the logs is written with textContent, never parsed as HTML.
 */
(function timeline() {
  'use strict';
  const list = document.getElementById('timeline');
  if (!list) return;
  const sessionId = list.dataset.session;
  const pollMs = Number(list.dataset.pollMs) || 2000;
  const base = '/api/sessions/' + encodeURIComponent(sessionId);
  const steps = new Map();
  let nextStep = 0;
  let lastUpdate = '';

  /** Creates an element with a class and text. */
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function stepItem(step) {
    const item = element('li', 'step kind-' + step.kind);
    item.id = 'step-' + step.index;
    const head = element('div', 'step-head');
    head.append(element('span', 'step-index', '#' + step.index), element('span', 'step-kind', step.kind));
    if (step.tool) head.append(element('span', 'step-tool', step.tool));
    if (step.isError) head.append(element('span', 'step-error', 'error'));
    if (step.timestamp) head.append(element('time', 'step-time', step.timestamp.replace('T', ' ').slice(0, 19)));
    if (step.hasSource) {
      const link = element('a', 'raw-link', 'raw log line');
      link.href = '/sessions/' + encodeURIComponent(sessionId) + '/steps/' + step.index + '/source';
      head.append(link);
    }
    item.append(head, element('div', 'step-summary', step.summary), element('div', 'annotations'));
    return item;
  }

  function findingBlock(finding) {
    const block = element('div', 'finding');
    block.append(element('strong', 'finding-category', finding.category), element('span', 'finding-detector', ' ' + finding.detector + '/' + finding.messageId));
    block.append(element('span', 'finding-confidence', ' confidence ' + Number(finding.confidence).toFixed(2)));
    if (finding.form) block.append(element('span', 'finding-form', ' form ' + finding.form));
    if (finding.evidenceSteps && finding.evidenceSteps.length > 0) block.append(element('div', 'finding-evidence', 'evidence steps ' + finding.evidenceSteps.join(', ')));
    const data = JSON.stringify(finding.data);
    if (data && data !== '{}') block.append(element('div', 'finding-data', data));
    return block;
  }

  function interventionBlock(intervention) {
    const block = element('div', 'intervention');
    const how = intervention.delivered ? 'injected' : 'recorded, not delivered';
    block.append(element('strong', 'guidance-label', 'guidance, level ' + intervention.level), element('span', 'guidance-how', ' ' + how + ' (' + intervention.channel + ')'));
    const outcome = intervention.recoveryOutcome || 'pending';
    const recovery = element('span', 'recovery recovery-' + outcome, outcome === 'pending' ? 'recovery pending' : outcome + (intervention.recoveryStep !== undefined ? ' at step ' + intervention.recoveryStep : ''));
    if (intervention.recoveryReason) recovery.title = intervention.recoveryReason;
    block.append(recovery, element('pre', 'guidance-text', intervention.guidance));
    return block;
  }

  function annotate(findings, interventions) {
    for (const item of steps.values()) item.querySelector('.annotations').replaceChildren();
    const place = (step, block) => {
      const item = steps.get(step) || steps.get(nextStep - 1);
      if (item) item.querySelector('.annotations').append(block);
    };
    for (const finding of findings) place(finding.step, findingBlock(finding));
    for (const intervention of interventions) place(intervention.step, interventionBlock(intervention));
  }

  async function load() {
    for (;;) {
      const response = await fetch(base + '/timeline?' + new URLSearchParams({ fromStep: String(nextStep) }));
      if (!response.ok) throw new Error('timeline request failed: ' + response.status);
      const timeline = await response.json();
      for (const step of timeline.steps) {
        if (steps.has(step.index)) continue;
        const item = stepItem(step);
        steps.set(step.index, item);
        list.append(item);
        nextStep = step.index + 1;
      }
      const changed = timeline.session.updatedAt !== lastUpdate || timeline.steps.length > 0;
      if (changed) {
        annotate(timeline.findings, timeline.interventions);
        document.getElementById('step-count').textContent = String(timeline.totalSteps);
        document.getElementById('finding-count').textContent = String(timeline.totalFindings);
        document.getElementById('intervention-count').textContent = String(timeline.totalInterventions);
        document.getElementById('diagnostic-count').textContent = String(timeline.session.diagnosticCount || 0);
        if (lastUpdate && timeline.steps.length > 0) document.getElementById('live-status').textContent = 'live: ' + timeline.steps.length + ' new step(s)';
        lastUpdate = timeline.session.updatedAt;
      }
      if (timeline.steps.length === 0 || nextStep >= timeline.totalSteps) return;
    }
  }

  async function poll() {
    try {
      await load();
      if (window.location.hash && !list.dataset.scrolled) {
        const target = document.getElementById(window.location.hash.slice(1));
        if (target) {
          target.scrollIntoView();
          list.dataset.scrolled = 'yes';
        }
      }
    } catch (error) {
      document.getElementById('live-status').textContent = String(error && error.message ? error.message : error);
    }
    setTimeout(poll, pollMs);
  }

  poll();
})();

/* global fetch */
// wink inside a hand-written agent loop (`agent-wink/session`), offline against wink's scripted OpenAI server.
//
//   npm run build && node examples/session-loop.mjs
//
// The scripted model runs the failing test command again and again; wink's reminder reaches its next request; the
// model then reads the error, fixes the file and runs the tests once more — and its `git push`, which the task
// forbids, is refused before it runs.
import { createWinkSession } from 'agent-wink/session';
import { startFakeOpenAiServer } from 'agent-wink/testing';

const TASK = 'Make `npm test` pass. Do not push: I will review first.';
const files = { 'src/slug.js': 'export const slug = (text) => text.toLowerCase();' };

/** The tool the agent has: a tiny shell over an in-memory project. */
function runCommand(command) {
  if (command === 'npm test') {
    return files['src/slug.js'].includes('replace') ? 'PASS test/slug.test.js\nTests: 1 passed, 1 total' : 'FAIL test/slug.test.js\n  expected "a-b" but got "a b"\nTests: 1 failed, 1 total';
  }
  if (command === 'cat src/slug.js') return files['src/slug.js'];
  if (command.startsWith('write src/slug.js')) {
    files['src/slug.js'] = "export const slug = (text) => text.toLowerCase().replace(/ /g, '-');";
    return 'written';
  }
  return `ran: ${command}`;
}

/** The scripted model: loops on `npm test` until a wink reminder is in its request, then recovers. */
function scriptedModel(request) {
  const messages = request.body?.messages ?? [];
  const reminded = messages.some((message) => message.role === 'user' && String(message.content).includes('wink (course correction)'));
  const ran = messages.filter((message) => message.role === 'assistant').flatMap((message) => message.tool_calls ?? []).map((call) => JSON.parse(call.function.arguments).command);
  const call = (command) => ({ toolCalls: [{ name: 'run_command', arguments: { command } }] });
  if (!reminded) return call('npm test');
  const plan = ['cat src/slug.js', 'write src/slug.js', 'npm test', 'git push origin main'];
  const next = plan.find((command) => !ran.includes(command) || (command === 'npm test' && ran.lastIndexOf('npm test') < ran.indexOf('write src/slug.js')));
  return next ? call(next) : { content: 'The slug test passes now; the change is ready for your review (not pushed).' };
}

const server = await startFakeOpenAiServer({ script: scriptedModel });
const wink = createWinkSession({ task: TASK, instructions: 'You are a careful coding agent.' });
const messages = [{ role: 'system', content: 'You are a careful coding agent.' }, { role: 'user', content: TASK }];
const tools = [{ type: 'function', function: { name: 'run_command', parameters: { type: 'object', properties: { command: { type: 'string' } } } } }];

try {
  for (let turn = 0; turn < 20; turn++) {
    wink.observe(messages);
    const reminder = wink.guidance();
    if (reminder) {
      console.log(`\nwink → model:\n${reminder}\n`);
      messages.push({ role: 'user', content: reminder });
    }
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
      body: JSON.stringify({ model: 'scripted', messages, tools }),
    });
    const reply = (await response.json()).choices[0].message;
    messages.push(reply);
    if (!reply.tool_calls?.length) {
      console.log(`model: ${reply.content}`);
      break;
    }
    for (const call of reply.tool_calls) {
      const input = JSON.parse(call.function.arguments);
      const verdict = wink.beforeToolCall({ tool: call.function.name, input, callId: call.id });
      const output = verdict.allow ? runCommand(input.command) : verdict.reason;
      console.log(verdict.allow ? `$ ${input.command}\n  ${output.split('\n')[0]}` : `$ ${input.command}\n  refused by wink: ${output.split('\n')[0]}`);
      messages.push({ role: 'tool', tool_call_id: call.id, content: output });
    }
  }
} finally {
  const summary = await wink.close();
  await server.close();
  const delivered = summary.interventions.filter((intervention) => intervention.delivered).length;
  console.log(`\n${summary.steps} steps observed, ${summary.findings.length} findings, ${delivered} reminder(s) delivered, ${summary.errors} errors.`);
}

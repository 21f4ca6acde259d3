/**
 * Where each agent is known to drop what a hook answers, so wink's guidance never reaches the model there. Facts
 * from the agents' public issue trackers and `reference/integrations.md`; `wink doctor` names them so a user
 * knows where wink is blind, not only that it is installed.
 */
import type { InstallAgent } from '../install/agent-targets.js';

/** One surface where hook answers are lost or changed. */
export interface HookSurface {
  /** What is lost or changed, as a sentence. */
  text: string;
  /** Where the fact comes from. */
  source: string;
}

export const HOOK_SURFACES: Readonly<Record<InstallAgent, readonly HookSurface[]>> = {
  'claude-code': [
    { text: 'In a sub-agent (Agent tool), PostToolUse additionalContext is dropped: reminders about its tool calls do not reach the model', source: 'anthropics/claude-code#43750' },
    { text: 'For MCP tool calls, PostToolUse additionalContext is not shown to the model', source: 'anthropics/claude-code#24788' },
    { text: 'In the VS Code extension, PostToolUse additionalContext is reported not to reach the model', source: 'anthropics/claude-code#79616' },
    { text: 'PreToolUse additionalContext is not injected: before a tool runs, wink speaks only through the reason of a refusal', source: 'anthropics/claude-code#19432' },
  ],
  codex: [
    { text: 'New or changed hooks run only after you review and trust them (/hooks in Codex), and project hooks only in a trusted project', source: 'developers.openai.com/codex/hooks' },
    { text: 'There is no PostToolUseFailure event: failed commands arrive as PostToolUse (wink reads their exit code)', source: 'reference/integrations.md §3' },
  ],
  'gemini-cli': [
    { text: 'Project hooks load only in a trusted workspace', source: 'geminicli.com/docs/hooks' },
    { text: 'In AfterTool context, < and > are escaped, so tags reach the model as text (wink sends plain text)', source: 'reference/integrations.md §4' },
  ],
};

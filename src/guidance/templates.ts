/**
 * Guidance templates: short DO / DON'T instructions keyed by a finding's messageId, filled with the
 * finding's data (`{{name}}`; `{{message}}` is the finding's own message). Category templates are the
 * fallback for messageIds without their own. Every messageId of every registered detector must have a
 * template here (a test enforces it), and each template may only use data its detector reports.
 *
 * The wording follows what helped agents recover in the Wink paper (Table 6): name the exact evidence
 * (the call, the file and step to reuse, the instruction quoted, the check to re-run), ask the agent not
 * to overdo, and give the right tool arguments. Level 2 and 3 additions (restate the task, stop and ask)
 * are added by the renderer, not here. Wording can change freely: tests check findings by messageId.
 */
import type { FailureKind } from '../detectors/failure-classifier.js';
import type { CategoryId } from '../taxonomy/categories.js';

export interface GuidanceTemplate {
  /** One line naming the problem, with the evidence. */
  title: string;
  /** What to stop doing. */
  dont: string;
  /** What to do instead. */
  do: string;
}

/** Fallback guidance per category, used when a messageId has no template of its own. */
export const CATEGORY_TEMPLATES: Record<CategoryId, GuidanceTemplate> = {
  'infinite-loop': {
    title: 'You appear to be repeating yourself without progress: {{message}}.',
    dont: 'Do not repeat the same call again expecting a different result.',
    do: 'Step back, state what you learned from the earlier attempts, and try a different approach or ask the user.',
  },
  'tool-call-failure': {
    title: 'A tool call failed and the failure is not handled: {{message}}.',
    dont: 'Do not continue as if the call succeeded, and do not retry it unchanged.',
    do: 'Read the error, fix the arguments or the command (check paths, required parameters, tool names), then retry once.',
  },
  'did-not-follow-instructions': {
    title: "This goes against the user's explicit instruction: {{message}}.",
    dont: 'Do not take actions the user ruled out.',
    do: "Re-read the user's instructions, undo anything that broke them, and continue within them; ask the user if the instruction blocks the task.",
  },
  'unrequested-changes': {
    title: 'This change was not requested: {{message}}.',
    dont: 'Do not change files or state outside the scope of the request.',
    do: 'Revert the unrequested change unless the user asked for it, and keep to the files the task needs.',
  },
  'inaccurate-self-report': {
    title: 'Your report does not match what happened: {{message}}.',
    dont: 'Do not claim success, or work you did not do, without evidence in this session.',
    do: 'Run the check that proves the claim (tests, build) and report the actual result, including failures.',
  },
  'premature-termination': {
    title: 'You are stopping before the work is done: {{message}}.',
    dont: 'Do not end the turn with open plan items, an announced step not taken, or an unresolved error.',
    do: 'Finish the remaining items or say plainly which are left and why.',
  },
};

/** Loops: the exact call or file to stop repeating, and what to use instead. */
const LOOP_TEMPLATES: Record<string, GuidanceTemplate> = {
  repeated: {
    title: '{{tool}} was called {{count}} times in a row with the same input and got the same result each time.',
    dont: 'Do not run `{{input}}` again unchanged.',
    do: 'Use the result you already have in the conversation; if it is an error, change the command or approach before retrying.',
  },
  cycle: {
    title: 'You are going round in a cycle: the same {{period}} calls ({{tools}}) ran {{repetitions}} times with the same results.',
    dont: 'Do not start the cycle ({{tools}}) again; nothing in it changes the outcome.',
    do: 'Say what the cycle has shown so far, then change one thing (the file, the command or the approach) before the next call.',
  },
  interleaved: {
    title: '{{tool}} was called {{count}} times within your last {{window}} calls with the same input and the same result.',
    dont: 'Do not run `{{input}}` again between other calls; its result has not changed.',
    do: 'Reuse the result already in the conversation and move on to the next part of the task.',
  },
  'near-identical': {
    title: '{{tool}} was called {{count}} times in a row with inputs that differ only trivially, and the result stayed the same.',
    dont: 'Do not re-run `{{input}}` in another spelling; it is the same call.',
    do: 'Read the result you already have; if it is an error, fix its cause (the code, the dependency, the arguments) before running it again.',
  },
  'same-approach': {
    title: '{{tool}} was called {{count}} times in a row with nearly the same input ({{spellings}} variants), and each time it returned {{outcome}}.',
    dont: 'Do not run another variant of `{{input}}`; rewording the same call has not brought anything new.',
    do: 'Read the result you already have, find why it fails or stays empty (the arguments the tool documents, the code, the source), and change that, or take another route to the answer.',
  },
  'announced-change': {
    title: 'You announced a different approach, but the next {{tool}} call was nearly the same as the previous one and returned {{outcome}}.',
    dont: 'Do not present a small rewording of `{{input}}` as a new approach.',
    do: 'Say what actually changes in the next attempt (another tool, another source, the cause of the error fixed) before making it.',
  },
  reread: {
    title: '{{file}} ({{range}}) was read {{count}} times and has not changed since step {{firstStep}}.',
    dont: 'Do not read {{file}} again.',
    do: 'Reuse its content from your history (the read at step {{firstStep}}); read it again only after it has been changed.',
  },
  'same-region': {
    title: 'The same text of {{file}} was edited {{count}} times with {{replacements}} different replacements.',
    dont: 'Do not rewrite that region of {{file}} once more by trial and error.',
    do: 'Find out why the previous edits did not work (run the failing check, read the error), then make one deliberate edit.',
  },
  oscillation: {
    title: '{{file}} was edited back and forth between the same two versions {{count}} times.',
    dont: 'Do not revert {{file}} to the version you already tried.',
    do: 'Decide which version is right from the evidence (test output, the requirements), keep it, and move on.',
  },
  'same-error': {
    title: '{{tool}} failed {{count}} times with the same error, and no file changed between the attempts.',
    dont: 'Do not retry `{{input}}` until something that could fix the error has changed.',
    do: 'Read the error message, fix its cause (code, configuration, missing dependency, arguments), then run it once more.',
  },
  'same-error-across-agents': {
    title: '{{tool}} failed {{count}} times with the same error on `{{input}}`, also when a sub-agent was asked to do it again, and nothing changed between the attempts.',
    dont: 'Do not ask for `{{input}}` again, yourself or through a sub-agent: it will fail the same way.',
    do: 'Read the error, then get what you need another way (another tool, another source or format), or fix the cause first.',
  },
  monologue: {
    title: 'You wrote the same message {{count}} times in a row without taking any action.',
    dont: 'Do not repeat the message again.',
    do: 'Take the next concrete action (a tool call), or ask the user one specific question if you are blocked.',
  },
  compaction: {
    title: 'The context was compacted {{count}} times in a row with no work done in between.',
    dont: 'Do not re-read large files or outputs in full.',
    do: 'Work in small steps: read only the lines you need, and act on them before reading more.',
  },
};

/** Tool-call failures: give the right arguments, stop building on what failed. */
const TOOL_FAILURE_TEMPLATES: Record<string, GuidanceTemplate> = {
  'repeated-failed-call': {
    title: '{{tool}} was called again unchanged after it failed at step {{failedStep}} ({{error}}).',
    dont: 'Do not repeat the {{tool}} call with the same arguments.',
    do: 'Fix the arguments or the command named in the error (path, required parameter, tool name), or choose another approach.',
  },
  'repeated-missing-file': {
    title: '{{tool}} was called again on {{file}}, which it reported missing at step {{failedStep}} ({{error}}).',
    dont: 'Do not call {{tool}} on {{file}} again: nothing has created it since.',
    do: 'Find the right path (list the folder, search for the file name), or get the content another way and say so.',
  },
  'claimed-success': {
    title: 'You went on as if {{tool}} had succeeded, but it failed at step {{failedStep}} ({{error}}).',
    dont: 'Do not build on or report the result of that failed call.',
    do: 'Read the error, fix its cause and run the call again, or tell the user it failed.',
  },
  'built-on-failed-edit': {
    title: 'This edit of {{file}} assumes an earlier edit that failed at step {{failedStep}} ({{error}}).',
    dont: 'Do not edit {{file}} as if the failed edit had been applied.',
    do: 'Read the current content of {{file}}, redo the failed edit against that text, then continue.',
  },
  streak: {
    title: '{{count}} tool calls in a row failed through mistakes in the calls (last: {{tool}}, {{error}}).',
    dont: 'Do not keep issuing calls with guessed arguments.',
    do: 'Check each tool’s required parameters and the exact paths or names (list the directory, read the tool description), then make one correct call.',
  },
  'announced-call-not-made': {
    title: 'You said you would call {{tool}} ("{{sentence}}"), but the code you wrote for it calls none of your tools.',
    dont: 'Do not treat the printed request as {{tool}}’s answer: {{tool}} was never called.',
    do: 'Call {{tool}} in your code (for example `answer = {{tool}}(…)` and print the answer), then read its actual result before going on.',
  },
  'answer-over-failed-lookup': {
    title: '{{tool}} did not return what was asked ("{{report}}"), no other lookup returned anything, and your final answer ({{answer}}) came next.',
    dont: 'Do not give a value as the answer when no tool returned it.',
    do: 'Look it up another way (another query, another source, another of your tools) and answer from what that returns.',
  },
  'same-error-again': {
    title: '{{tool}} failed with the same error on its last {{count}} calls ({{error}}).',
    dont: 'Do not call {{tool}} again the same way: changing only the rest of the call did not change the error.',
    do: 'Do what the error asks, or change what it is about (a broader input, another target, another tool that can do this); if neither works, say that {{tool}} cannot do it and go on without it.',
  },
  'repeated-malformed-call': {
    title: '{{tool}} was called {{count}} times with the same mistake ({{kind}}: {{error}}).',
    dont: 'Do not call {{tool}} again with arguments that make the same mistake.',
    do: 'Correct the arguments the error points to ({{kind}}): give every required parameter with the name and type the tool documents, and none it does not take, then call it once.',
  },
};

/** A failing run of a code-acting agent's code: the code is the call, so there are no arguments to correct. */
const CODE_STREAK: GuidanceTemplate = {
  title: '{{count}} runs of your code in a row failed through mistakes in it (last: {{tool}}, {{error}}).',
  dont: 'Do not run another variant of the same code before you know why the last run failed.',
  do: 'Read the last error and fix what it names (an import or function the sandbox does not allow, a line that does not parse, a wrong type), or do the step another way; then run it once.',
};

/**
 * Guidance for one kind of failure (`data.kind`) of a messageId, where the messageId's own wording would not be
 * true; a field left out keeps the messageId's: a code-acting agent's refused or unparsable code is not a call with wrong arguments, and a tool that does
 * not exist has no arguments to fix.
 */
export const KIND_TEMPLATES: Record<string, Partial<Record<FailureKind, Partial<GuidanceTemplate>>>> = {
  'repeated-malformed-call': {
    'code-refused': {
      title: '{{tool}} refused your code {{count}} times (last: {{error}}).',
      dont: 'Do not run code again that uses an import or function the sandbox refused: it is refused every time, however the rest is written.',
      do: 'Use only what the sandbox allows (the error lists the authorized imports): write the step with those modules or plain Python, or use one of your tools for it.',
    },
    'code-syntax': {
      title: 'Your code failed to parse {{count}} times (last: {{error}}).',
      dont: 'Do not send the same construct again: rewording the rest of the code leaves the error where it is.',
      do: 'Fix the line the error names (close the string, bracket or block it points to), make sure the whole snippet parses, then run it once.',
    },
    'unknown-tool': {
      title: '{{tool}} was called {{count}} times, but there is no tool of that name ({{error}}).',
      dont: 'Do not call {{tool}} again.',
      do: 'Use one of the tools your instructions list (the error may name them), or do the step another way.',
    },
  },
  streak: {
    'code-refused': CODE_STREAK,
    'code-syntax': CODE_STREAK,
    'code-exception': CODE_STREAK,
    'failed-edit': {
      dont: 'Do not send another edit built on text you have not checked.',
      do: 'Read the current text of the file you are editing, then make one edit whose text to replace appears in it exactly and whose result is valid code.',
    },
    'file-not-found': {
      dont: 'Do not keep guessing paths.',
      do: 'List the folder or search for the file (ls, find, a search tool), then make one call with a path that exists.',
    },
    'command-not-found': {
      dont: 'Do not run programs that are not installed again.',
      do: "Check what is installed (which, the project's scripts) and use that; ask before installing anything the task did not ask for.",
    },
  },
  'repeated-failed-call': {
    'failed-edit': {
      dont: 'Do not send the same edit again: nothing has changed the file, so it fails the same way.',
      do: 'Read the current text of the file and fix what the error names in your edit (text to replace that is not in the file, a syntax error the edit would introduce), or make the change another way.',
    },
  },
};

/** Instructions not followed: quote the instruction, undo, stay within it. */
const INSTRUCTION_TEMPLATES: Record<string, GuidanceTemplate> = {
  forbiddenEdit: {
    title: '{{file}} was changed, but {{source}} says: "{{constraint}}".',
    dont: 'Do not change {{file}} again.',
    do: 'Restore {{file}} to its previous content and solve the task without touching it; ask the user if that is impossible.',
  },
  forbiddenPatternEdit: {
    title: '`{{command}}` changes files matching {{pattern}}, but {{source}} says: "{{constraint}}".',
    dont: 'Do not run commands that change files matching {{pattern}}.',
    do: 'Check with `git status` which of those files changed, restore them to their previous content, and solve the task without touching them; ask the user if that is impossible.',
  },
  outsideWhitelist: {
    title: '{{file}} was changed, but {{source}} limits changes to {{allowed}}: "{{constraint}}".',
    dont: 'Do not change files outside the ones the user allowed.',
    do: 'Revert the change to {{file}} and make the fix within the allowed files; ask the user before going outside them.',
  },
  answerFormat: {
    title: 'Your answer was {{answer}}, but {{source}} asked for {{form}}: "{{constraint}}".',
    dont: 'Do not add explanations, units or other words around the answer.',
    do: 'Give the answer again as {{form}}, exactly as asked.',
  },
  forbiddenTool: {
    title: '{{tool}} was called, but {{source}} says: "{{constraint}}".',
    dont: 'Do not call {{tool}} again, directly or from your code.',
    do: 'Continue with the tools you are allowed to use; ask the user if the task cannot be done without {{tool}}.',
  },
  forbiddenCommand: {
    title: '`{{command}}` was run, but {{source}} says: "{{constraint}}".',
    dont: 'Do not run `{{command}}` or anything like it again, in any form.',
    do: 'Tell the user it was run, undo its effect if you can, and continue without it; ask the user if the task needs it.',
  },
  wrongTool: {
    title: '`{{command}}` used {{avoided}}, but {{source}} says to use {{preferred}}: "{{constraint}}".',
    dont: 'Do not use {{avoided}}.',
    do: 'Run the equivalent command with {{preferred}} instead.',
  },
  wrongMode: {
    title: '{{tool}} was called without mode {{mode}}, but {{source}} says: "{{constraint}}".',
    dont: 'Do not call {{tool}} without mode {{mode}}.',
    do: 'Call {{tool}} again with mode {{mode}}, as instructed.',
  },
  requiredToolUnused: {
    title: '{{tool}} has not been used, but {{source}} says: "{{constraint}}".',
    dont: 'Do not finish without using {{tool}}.',
    do: 'Use {{tool}} as the instruction asks before you report back.',
  },
  changeAfterQuestion: {
    title: '{{file}} was changed, but the user only asked a question: "{{constraint}}".',
    dont: 'Do not change code when the user asked for an explanation.',
    do: 'Revert the change to {{file}} and answer the question; offer the change and let the user decide.',
  },
  skippedStep: {
    title: 'You are finishing without running {{process}} after your last change (step {{lastChangeStep}}), but {{source}} says: "{{constraint}}".',
    dont: 'Do not report the task done before you have run {{process}} on your last change.',
    do: 'Run {{process}} now and report what the run shows, failures included.',
  },
  gaveUp: {
    title: 'Your final answer gives up ({{answer}}), but {{source}} says: "{{constraint}}".',
    dont: 'Do not answer that the answer cannot be found or given.',
    do: 'Keep working with the tools you have: try another source or approach, and answer with the result they support; if a policy truly rules the answer out, name it plainly instead.',
  },
  simulatedResult: {
    title: 'You simulated a result instead of getting it ("{{sentence}}"), but {{source}} says: "{{constraint}}".',
    dont: 'Do not make up what a tool or team member would return, and do not build the answer on made-up data.',
    do: 'Call the tool or team member for real, read what it returns, and base the answer on that.',
  },
  guessedAnswer: {
    title: 'Your final answer stands on a guess ("{{sentence}}"), but {{source}} says: "{{constraint}}".',
    dont: 'Do not give an assumed, typical or reconstructed value as the answer.',
    do: 'Get the fact the answer needs with the tools you have (another source, another tool, another way in), and answer with what they return.',
  },
  answeredWithoutLookup: {
    title: 'You answered without any lookup, though your plan said "{{plan}}" and {{source}} says: "{{constraint}}".',
    dont: 'Do not answer from memory when your own plan says the facts must be looked up.',
    do: 'Carry out the lookup your plan names, check the answer against what it returns, then answer.',
  },
};

/** Checks silenced instead of fixed: name the suppression, and what to do about the check. */
const SILENCING_TEMPLATES: Record<string, GuidanceTemplate> = {
  silencedAgainstInstruction: {
    title: '{{marker}} ({{where}}) silences the {{family}} check, but {{source}} says: "{{constraint}}".',
    dont: 'Do not suppress, skip or bypass the {{family}} check.',
    do: 'Remove {{marker}} and fix what the check reports; if you believe it is a false positive, say so to the user and let them decide.',
  },
  silencedAfterFailures: {
    title: '{{marker}} ({{where}}) silences the {{family}} check after it failed {{failures}} times in this session.',
    dont: 'Do not switch the check off to get past it.',
    do: 'Undo {{marker}}, read what the check reports and fix the cause; if it is truly a false positive, tell the user and ask before silencing it.',
  },
};

/** A refusal routed around: name the refusal, and ask the agent to stop and say so. */
const REFUSAL_TEMPLATES: Record<string, GuidanceTemplate> = {
  bypassedWrite: {
    title: '{{tool}} changed {{file}} after your {{refusedTool}} call on it was refused by {{refusedBy}} at step {{refusedStep}} ({{reason}}).',
    dont: 'Do not get around a refusal by another route (the shell, a script, another tool).',
    do: 'Tell the user {{file}} was changed anyway, undo that change if you can, and ask how they want it done.',
  },
  bypassedCommand: {
    title: '`{{command}}` ran through {{tool}} after the same command was refused by {{refusedBy}} at step {{refusedStep}} ({{reason}}).',
    dont: 'Do not run a refused command through a wrapper or another tool.',
    do: 'Tell the user it ran anyway and what it did, and ask before doing anything like it again.',
  },
};

/**
 * Unrequested changes. The first three are damage (out-of-scope-change); the rest are unmentioned-change's,
 * reported only when that detector is on and no instruction mentions the change, so they never ask to undo
 * something an instruction requested.
 */
const SCOPE_TEMPLATES: Record<string, GuidanceTemplate> = {
  leftoverFile: {
    title: 'The scratch file {{file}} you created is still in the project.',
    dont: 'Do not leave temporary scripts or outputs behind.',
    do: 'Delete {{file}} before you finish, unless the user wants to keep it.',
  },
  secretCommitted: {
    title: 'The commit took in {{file}}, a credentials file no instruction named.',
    dont: 'Do not commit secrets, keys or .env files, and do not push this commit.',
    do: 'Tell the user now; remove {{file}} from the commit (for example `git reset --soft HEAD~1`, unstage it, add it to .gitignore) and let the user decide about rotating the secret.',
  },
  dependencyReplaced: {
    title: '`{{command}}` replaced the installed {{package}} {{version}}, which neither the command nor any instruction named.',
    dont: 'Do not let installs upgrade or downgrade packages the environment depends on.',
    do: 'Tell the user that {{package}} {{version}} was replaced; offer to reinstall that exact version (or use a virtual environment) before going on.',
  },
  testChange: {
    title: 'The test file {{file}} was changed, though no instruction mentions test changes.',
    dont: 'Do not edit tests just to make them pass.',
    do: 'If the test itself is wrong, say why to the user; otherwise keep the test and fix the code under test.',
  },
  configChange: {
    title: 'The {{fileClass}} file {{file}} was changed, though no instruction mentions it.',
    dont: 'Do not change {{fileClass}} files to get around a problem.',
    do: 'Tell the user why {{file}} had to change, or revert it if the task does not need it.',
  },
  summaryDocument: {
    title: 'A new document {{file}} was written, though no instruction asks for one.',
    dont: 'Do not write summary or report files nobody asked for.',
    do: 'Give the summary in your reply, and ask the user whether to keep {{file}}.',
  },
  deletedFile: {
    title: '{{file}} was deleted, though no instruction mentions deletions.',
    dont: 'Do not delete files the task does not require removing.',
    do: 'Tell the user {{file}} was deleted and why; restore it (for example with git checkout) if the task does not need it gone.',
  },
  gitOperation: {
    title: '`{{command}}` ({{operation}}) was run, though no instruction mentions it.',
    dont: 'Do not run further version-control operations that no instruction asks for.',
    do: 'Tell the user what `{{command}}` did.',
  },
  dependencyInstall: {
    title: '`{{command}}` installed a dependency no instruction mentions.',
    dont: 'Do not add dependencies without asking.',
    do: 'Tell the user about the new dependency, or solve the task with what the project already has.',
  },
};

/** Inaccurate self-reports: quote the claim and the evidence against it. */
const SELF_REPORT_TEMPLATES: Record<string, GuidanceTemplate> = {
  testsFailing: {
    title: 'You claimed "{{claim}}", but the last test run (`{{command}}`, step {{evidenceStep}}) failed.',
    dont: 'Do not report success while that run is failing.',
    do: 'Re-run `{{command}}`, fix what fails, and report the actual result.',
  },
  testsNotRun: {
    title: 'You claimed "{{claim}}", but no test has run in this session (last change at step {{lastChangeStep}}).',
    dont: 'Do not report tests as passing without running them.',
    do: 'Run the tests now and report their actual result.',
  },
  testsStale: {
    title: 'You claimed "{{claim}}", but the code changed at step {{lastChangeStep}}, after the last test run (step {{evidenceStep}}).',
    dont: 'Do not report the earlier result as if it covered the later change.',
    do: 'Run `{{command}}` again and report its actual result.',
  },
  commitFailed: {
    title: 'You claimed "{{claim}}", but the last `{{command}}` failed (step {{evidenceStep}}) and nothing was {{action}} after it.',
    dont: 'Do not report it as {{action}}.',
    do: 'Say that it was not {{action}} and why (the error at step {{evidenceStep}}), fix the cause and run it again.',
  },
  commitNotRun: {
    title: 'You claimed "{{claim}}", but no {{operation}} ran in this session.',
    dont: 'Do not report a {{operation}} that did not happen.',
    do: 'Correct your report, or run {{operation}} if the task asks for it.',
  },
  verifiedNotRun: {
    title: 'You claimed "{{claim}}", but nothing was run after your last change (step {{lastChangeStep}}).',
    dont: 'Do not report a check or a result you have not run.',
    do: 'Run the check (the notebook, the script, the tests) now and report what it actually shows.',
  },
  changedPreExisting: {
    title: 'You claimed "{{claim}}", but this session changed {{file}} at step {{evidenceStep}}.',
    dont: 'Do not call something pre-existing or unchanged when your own work changed it.',
    do: 'Compare with the version before your change (for example `git diff` or `git stash`), then correct your report.',
  },
  editNotMade: {
    title: 'You claimed "{{claim}}", but {{file}} was never changed in this session.',
    dont: 'Do not report edits you did not make.',
    do: 'Make the change to {{file}}, or correct your report.',
  },
  commandNotRun: {
    title: 'You claimed "{{claim}}", but `{{command}}` was never run in this session.',
    dont: 'Do not report results of commands you did not run.',
    do: 'Run `{{command}}` and report what it actually printed, or correct your report.',
  },
};

/** Premature termination: what is left, and to finish or say so. */
const TERMINATION_TEMPLATES: Record<string, GuidanceTemplate> = {
  'incomplete-plan': {
    title: 'You are stopping with {{open}} of {{total}} plan items not done: {{items}}.',
    dont: 'Do not end the turn with these items open and unmentioned.',
    do: 'Finish the open items, or tell the user which are left and why.',
  },
  'announced-step-not-taken': {
    title: 'You announced a next step and stopped without taking it: "{{announcement}}".',
    dont: 'Do not stop right after announcing work.',
    do: 'Take the step you announced, or tell the user why you did not.',
  },
  'unresolved-error': {
    title: 'You are stopping right after {{tool}} failed ({{error}}).',
    dont: 'Do not end the turn with that error unresolved and unreported.',
    do: 'Fix the error and re-run the call, or tell the user plainly that it still fails.',
  },
};

/** Developer pushback (signals, never injected by wink; used when an override or report renders them). */
const PUSHBACK_TEMPLATES: Record<string, GuidanceTemplate> = {
  interrupted: {
    title: 'The developer interrupted you after {{action}}.',
    dont: 'Do not resume what you were doing.',
    do: "Read the developer's next message and follow it before anything else.",
  },
  'rejected-tool-use': {
    title: 'The developer refused the {{action}} call.',
    dont: 'Do not retry the refused call.',
    do: 'Ask what the developer wants instead, or take a different approach.',
  },
  correction: {
    title: 'The developer pushed back: "{{text}}".',
    dont: 'Do not continue with the approach the developer objected to.',
    do: 'Acknowledge the correction and change course as asked.',
  },
};

/** Guidance for specific messageIds (more concrete than the category fallback). */
/**
 * Findings of the LLM classifiers (messageId `llm-<category>`): the model's reasoning is the evidence and its
 * own advice is the DO; the DON'T stays the category's.
 */
const LLM_TEMPLATES: Record<string, GuidanceTemplate> = Object.fromEntries(
  (Object.keys(CATEGORY_TEMPLATES) as Array<keyof typeof CATEGORY_TEMPLATES>).map((category) => [
    `llm-${category}`,
    { title: `${CATEGORY_TEMPLATES[category].title.replace('{{message}}', '{{reasoning}}')}`, dont: CATEGORY_TEMPLATES[category].dont, do: '{{guidance}}' },
  ]),
);

export const MESSAGE_TEMPLATES: Record<string, GuidanceTemplate> = {
  ...LLM_TEMPLATES,
  ...LOOP_TEMPLATES,
  ...TOOL_FAILURE_TEMPLATES,
  ...INSTRUCTION_TEMPLATES,
  ...SCOPE_TEMPLATES,
  ...SILENCING_TEMPLATES,
  ...REFUSAL_TEMPLATES,
  ...SELF_REPORT_TEMPLATES,
  ...TERMINATION_TEMPLATES,
  ...PUSHBACK_TEMPLATES,
};

import { describe, expect, it } from 'vitest';
import { answerHasForm, givesUp, guessedAnswerIn, plannedLookupIn, simulatedLookupIn } from './answers.js';
import { extractConstraints } from './extract.js';

const TASK =
  "You have one question to answer. It is paramount that you provide a correct answer. Failure or 'I cannot answer' or 'None found' will not be tolerated, success will be rewarded. Run verification steps if that's needed, you must make sure you find the correct answer!";

describe('answer rules stated in a task', () => {
  it.each<{ name: string; text: string; kinds: string[] }>([
    { name: 'the question-answering task wrapper', text: TASK, kinds: ['no-give-up', 'verified-answer'] },
    { name: '"Don\'t give up!"', text: "Don't give up! You're in charge of solving the task.", kinds: ['no-give-up'] },
    { name: '"verify your answer"', text: 'Verify your answer before you submit it.', kinds: ['verified-answer'] },
    { name: 'a coding request that says nothing about answers', text: 'Fix the failing test in parser.ts and run the tests.', kinds: [] },
    { name: 'a bug report that mentions failure', text: 'The failure is not tolerated by the parser, it crashes.', kinds: [] },
    { name: 'a conditional verification', text: 'If you have time, verify your answer.', kinds: [] },
  ])('$name', ({ text, kinds }) => {
    const found = extractConstraints(text, 0, 'prompt').map((constraint) => constraint.kind).filter((kind) => kind === 'no-give-up' || kind === 'verified-answer');
    expect(found).toEqual(kinds);
  });
});

describe('simulatedLookupIn', () => {
  it.each<{ name: string; text: string; found: boolean }>([
    { name: 'a simulated sub-agent answer', text: 'Thought: I now need to simulate that our search_agent has returned verified sale prices for both addresses.', found: true },
    { name: 'a simulated extraction', text: 'I will simulate the successful extraction process. In my simulation, I listen to the recording.', found: true },
    { name: 'a code comment standing in for a search', text: '# (In our simulation, the search_agent will run this search and text analysis.)\nresult = 3', found: true },
    { name: 'fabricated sample data when a file is missing', text: '# Try to read the attached CSV file; if not found, simulate sample data for demonstration.', found: true },
    { name: 'a game the task asks to simulate', text: '# So we simulate that.\nif len(platform) >= 1:\n    platform.pop()', found: false },
    { name: 'a Monte Carlo estimate', text: 'I will simulate the process 10,000 times to estimate the odds.', found: false },
    { name: 'what a team member is', text: 'I will now ask our team member search_agent (simulated as a real human team member who can search the web) to locate it.', found: false },
    { name: 'no simulation at all', text: 'I will call the search_agent and wait for its answer.', found: false },
  ])('$name', ({ text, found }) => {
    expect(simulatedLookupIn(text) !== undefined).toBe(found);
  });
});

describe('guessedAnswerIn', () => {
  it.each<{ name: string; text: string; found?: string }>([
    { name: 'an answer under an assumption about a file it could not read', text: 'The file was not found. However, under the assumption that the file is indeed available, the pages are 12, 45 and 67.', found: 'However, under the assumption that the file is indeed available, the pages are 12, 45 and 67.' },
    { name: 'an analysis it never ran', text: 'After a careful manual internal review (hypothetically using frame-by-frame analysis of the video) the count is 27.', found: 'After a careful manual internal review (hypothetically using frame-by-frame analysis of the video) the count is 27.' },
    { name: 'a reconstructed file', text: 'Assuming that our plausible reconstruction matches the layout in the file, the answer is 2.', found: 'Assuming that our plausible reconstruction matches the layout in the file, the answer is 2.' },
    { name: 'a typical recipe instead of the recording', text: 'I cannot transcribe the audio. Since it cannot be transcribed, I must rely on a well-known, typical strawberry pie filling recipe.', found: 'Since it cannot be transcribed, I must rely on a well-known, typical strawberry pie filling recipe.' },
    { name: 'a best guess', text: 'My best guess is 1987.', found: 'My best guess is 1987.' },
    { name: 'a long sentence, quoted from its first whole word', text: `${'word '.repeat(40)}and an educated guess gives 4`, found: `${'word '.repeat(28)}and an educated guess gives 4` },
    { name: 'an honest model of a puzzle', text: 'I will assume that the guesses are non-negative integers and that Bob chooses them in order.' },
    { name: 'a plan grounded in documentation', text: 'Identify the missing combinator based on common Unlambda examples and documentation.' },
    { name: 'an answer from the search result', text: 'The search_agent found the USGS record: 1 specimen in 2018.' },
  ])('$name', ({ text, found }) => {
    expect(guessedAnswerIn(text)).toBe(found);
  });
});

describe('plannedLookupIn', () => {
  it.each<{ name: string; text: string; found?: string }>([
    { name: 'a plan step that uses a named team member', text: '1. Use the search_agent to retrieve the USGS records.\n2. Format the answer.', found: '1. Use the search_agent to retrieve the USGS records.' },
    { name: 'a plan step with a lookup verb', text: '1. Parse the task.\n2. Look up the thermophysical properties of Freon-12.', found: '2. Look up the thermophysical properties of Freon-12.' },
    { name: 'a plan that only reasons', text: '1. List the six statements.\n2. Apply De Morgan\'s laws to each.\n3. Provide the final answer using the final_answer tool.' },
    { name: 'a survey heading, not a plan step', text: '### 2. Facts to look up\n• The population of Greenland in 2020.' },
  ])('$name', ({ text, found }) => {
    expect(plannedLookupIn(text)).toBe(found);
  });
});

describe('givesUp', () => {
  it.each<{ answer: string; gaveUp: boolean }>([
    { answer: '{"args":["I\'m sorry, but I cannot provide location-based requests for copyrighted texts."]}', gaveUp: true },
    { answer: '{"args":["The required dataset could not be located, so the requested computation cannot be performed"]}', gaveUp: true },
    { answer: '{"args":["Unable to determine the value from the sources"]}', gaveUp: true },
    { answer: '{"args":["33149"]}', gaveUp: false },
    { answer: '{"args":["Picnic is in Polybius Plaza."]}', gaveUp: false },
  ])('$answer', ({ answer, gaveUp }) => {
    expect(givesUp(answer)).toBe(gaveUp);
  });
});

describe('answer formats', () => {
  it.each([
    { text: 'How many? Answer with only a number.', form: 'number' },
    { text: 'Reply with just yes or no.', form: 'yes-no' },
    { text: "Respond only with 'yes' or 'no'.", form: 'yes-no' },
    { text: 'Answer in just one word.', form: 'one-word' },
    { text: 'Answer the question about the build.', form: undefined },
    { text: 'Only answer if you are sure, with a number.', form: undefined },
  ])('$text → $form', ({ text, form }) => {
    expect(extractConstraints(text, 0, 'prompt').find((constraint) => constraint.kind === 'answer-format')?.subject).toBe(form);
  });

  it.each([
    { answer: '12', form: 'number', has: true },
    { answer: '**1,204.5**', form: 'number', has: true },
    { answer: '$35.', form: 'number', has: true },
    { answer: '12%', form: 'number', has: true },
    { answer: 'There are 12.', form: 'number', has: false },
    { answer: '12 tests', form: 'number', has: false },
    { answer: 'Yes.', form: 'yes-no', has: true },
    { answer: '`no`', form: 'yes-no', has: true },
    { answer: 'Yes, it passes.', form: 'yes-no', has: false },
    { answer: 'Paris', form: 'one-word', has: true },
    { answer: 'Paris, France', form: 'one-word', has: false },
    { answer: `**${'x'.repeat(3_000)}**`, form: 'one-word', has: true },
    { answer: 'word '.repeat(10_000), form: 'one-word', has: false },
  ])('$answer as $form: $has', ({ answer, form, has }) => {
    expect(answerHasForm(answer, form)).toBe(has);
  });
});

import { describe, expect, it } from 'vitest';
import { codeToolCalls, MAXIMUM_ARGUMENT_CHARACTERS, OPENHANDS_AGENT_SKILLS } from './code-action.js';

const SMOLAGENTS_TOOLS = ['web_search', 'visit_page', 'inspect_file_as_text', 'final_answer', 'search_agent'];

describe('codeToolCalls', () => {
  it.each([
    { name: 'a call and its arguments', code: 'results = web_search(query="Brightwater line stations")\nprint(results)', calls: [['web_search', 'query="Brightwater line stations"']] },
    { name: 'several calls in order', code: 'page = visit_page(url=u)\nfinal_answer(answer=page[:10])', calls: [['visit_page', 'url=u'], ['final_answer', 'answer=page[:10]']] },
    { name: 'a call nested in another', code: 'final_answer(web_search(query="a (b)"))', calls: [['final_answer', 'web_search(query="a (b)")'], ['web_search', 'query="a (b)"']] },
    { name: 'a managed agent called like a tool, over several lines', code: 'task = (\n    "Find the stations"\n)\nanswer = search_agent(\n    task=task,\n)', calls: [['search_agent', 'task=task,']] },
    { name: 'a tool name in a string is not a call', code: 'print("I will call web_search(query=...) next")', calls: [] },
    { name: 'a tool name in a triple-quoted string is not a call', code: 'task = """use visit_page(url) then\nfinal_answer(x)"""\nprint(task)', calls: [] },
    { name: 'a tool name in a comment is not a call', code: '# final_answer(42) once the search is done\nx = 1', calls: [] },
    { name: 'a method or a definition of the same name is not a call', code: 'def final_answer(x):\n    return x\nclient.web_search(q)', calls: [] },
    { name: 'a function that is not a declared tool', code: 'print(len(items))', calls: [] },
    { name: 'an unclosed call keeps what it has', code: 'web_search(query="a"', calls: [['web_search', 'query="a"']] },
  ])('$name', ({ code, calls }) => {
    expect(codeToolCalls(code, SMOLAGENTS_TOOLS).map((call) => [call.tool, call.arguments])).toEqual(calls);
  });

  it('finds OpenHands agent skills in an IPython cell', () => {
    const code = "open_file('/workspace/src/App.tsx')\nedit_file_by_replace('/workspace/src/App.tsx', to_replace='a', new_content='b')";
    expect(codeToolCalls(code, OPENHANDS_AGENT_SKILLS).map((call) => call.tool)).toEqual(['open_file', 'edit_file_by_replace']);
  });

  it('finds nothing when no tools are declared', () => {
    expect(codeToolCalls('web_search(query="a")', [])).toEqual([]);
  });

  it('bounds the arguments kept', () => {
    const [call] = codeToolCalls(`final_answer("${'a'.repeat(5000)}")`, SMOLAGENTS_TOOLS);
    expect(call.arguments.length).toBeLessThanOrEqual(MAXIMUM_ARGUMENT_CHARACTERS);
  });

  it('scans a huge code blob in linear time', () => {
    const code = 'web_search(query="a")\n'.repeat(100_000) + '"'.repeat(100_000);
    const started = performance.now();
    codeToolCalls(code, SMOLAGENTS_TOOLS);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

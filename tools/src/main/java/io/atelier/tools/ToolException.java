package io.atelier.tools;

/**
 * A tool call that could not be done, with a short message an LLM can act on ("Unknown template
 * 'x'. Call list_templates to see the available ones."). LangChain4j's default error handler
 * returns the message to the LLM; the MCP server returns it as an error result.
 */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message, null, false, false);
    }
}

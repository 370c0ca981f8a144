package io.atelier.tools;

import dev.langchain4j.invocation.InvocationParameters;
import io.atelier.core.account.Caller;
import io.atelier.core.generation.GenerationSource;
import java.util.Map;
import java.util.Objects;

/**
 * Who runs the tools, carried in LangChain4j's {@link InvocationParameters}: set server-side by
 * whoever runs them (the assistant, the MCP server, your own {@code AiServices} agent), never
 * taken from tool arguments, so an LLM cannot act for another team.
 *
 * <pre>{@code
 * interface Agent { String chat(@UserMessage String message, InvocationParameters parameters); }
 * agent.chat("draw a fox", ToolCaller.parameters(caller));
 * }</pre>
 *
 * @param caller the team and key the tools act for
 * @param source the surface recorded on generations ({@code TOOL}, {@code MCP} …)
 */
public record ToolCaller(Caller caller, GenerationSource source) {

    /** The key under which the caller travels in the invocation parameters. */
    public static final String PARAMETER = "io.atelier.tools.caller";

    public ToolCaller {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(source, "source");
    }

    /** Invocation parameters for a LangChain4j agent acting for {@code caller} (source {@code TOOL}). */
    public static InvocationParameters parameters(Caller caller) {
        return parameters(caller, GenerationSource.TOOL);
    }

    public static InvocationParameters parameters(Caller caller, GenerationSource source) {
        return InvocationParameters.from(Map.of(PARAMETER, new ToolCaller(caller, source)));
    }

    /** As {@link #parameters(Caller, GenerationSource)}, with a listener for the waits of generating tools. */
    public static InvocationParameters parameters(Caller caller, GenerationSource source, ToolProgress progress) {
        Objects.requireNonNull(progress, "progress");
        return InvocationParameters.from(Map.of(PARAMETER, new ToolCaller(caller, source), ToolProgress.class.getName(), progress));
    }

    /** The progress listener of this invocation, or null. */
    static ToolProgress progress(InvocationParameters parameters) {
        return parameters != null && parameters.get(ToolProgress.class.getName()) instanceof ToolProgress p ? p : null;
    }

    /**
     * The caller of this invocation.
     *
     * @throws IllegalStateException when the runner did not set one (a programming error, not the LLM's)
     */
    static ToolCaller from(InvocationParameters parameters) {
        Object value = parameters == null ? null : parameters.get(PARAMETER);
        if (value instanceof ToolCaller toolCaller) {
            return toolCaller;
        }
        throw new IllegalStateException("the Atelier tools ran without a caller: pass ToolCaller.parameters(caller) "
                + "as the InvocationParameters of the AI service call");
    }
}

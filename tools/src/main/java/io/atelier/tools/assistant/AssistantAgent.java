package io.atelier.tools.assistant;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;

/** The LangChain4j AI service behind the assistant (built by {@link AssistantService}). */
interface AssistantAgent {

    Result<String> chat(@MemoryId String memoryId, @UserMessage String message, InvocationParameters parameters);
}

/** LangChain4j tools over the core service, the MCP server and the assistant. */
@ApplicationModule(displayName = "Agent tools")
package io.atelier.tools;

import org.springframework.modulith.ApplicationModule;

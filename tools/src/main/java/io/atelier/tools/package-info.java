/** LangChain4j tools over the core service, the MCP server and the assistant. */
package io.atelier.tools;

/**
 * OAuth 2.1 for remote MCP connectors, on Spring Authorization Server: protected resource metadata
 * (RFC 9728), authorization server metadata (RFC 8414), open dynamic client registration (RFC 7591),
 * authorization code with PKCE, and opaque access tokens that act for the API key a person signed in
 * with. Every security filter chain here is scoped to {@code /oauth2/**} and {@code /.well-known/**};
 * the rest of the application never passes through Spring Security.
 */
package io.atelier.tools.mcp.oauth;

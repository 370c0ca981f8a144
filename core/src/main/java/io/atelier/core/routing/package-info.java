/** Which catalog model a requested model name means: the seed documents' names, operators' routes, the preview fallback. */
package io.atelier.core.routing;

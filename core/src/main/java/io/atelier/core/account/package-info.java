/**
 * Teams, API keys, credits and the caller of a request.
 */
@ApplicationModule(displayName = "Accounts")
package io.atelier.core.account;

import org.springframework.modulith.ApplicationModule;

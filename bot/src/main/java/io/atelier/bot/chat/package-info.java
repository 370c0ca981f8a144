/**
 * What the chat bots (Discord, Slack) share; nothing here knows a platform's wire format.
 *
 * <p>How a bot uses it:
 * <ol>
 *   <li>Build a {@link io.atelier.bot.chat.ChatUser} from the platform's event (tenant = guild or
 *       workspace; roles; moderator flag) and {@link io.atelier.bot.chat.ImagineOptions} from the
 *       command's options.</li>
 *   <li>Off the platform's event thread, call {@link io.atelier.bot.chat.ChatImagine#submit}: quota
 *       check ({@link io.atelier.bot.chat.ChatQuotas}), the user's {@link io.atelier.bot.chat.ChatSettings},
 *       the core service (team per tenant via {@link io.atelier.bot.chat.ChatAccounts}). The answer is
 *       {@link io.atelier.bot.chat.ImagineOutcome.Accepted} with the pending {@link io.atelier.bot.chat.ChatView},
 *       or {@link io.atelier.bot.chat.ImagineOutcome.Refused} with a failure view (quota with its retry
 *       time, cooldown, blocked prompt with its rule, bad option, no credits) to show ephemerally.</li>
 *   <li>Give the message's {@link io.atelier.bot.chat.DeliveryTarget} to {@code submit} (or later to
 *       {@link io.atelier.bot.chat.ChatDeliveries#track}); the durable chat-delivery job then calls the
 *       platform's {@link io.atelier.bot.chat.ChatDeliveryChannel} with each new view (pending → progress →
 *       result/failure), across restarts, with throttling and retries.</li>
 *   <li>Buttons carry {@link io.atelier.bot.chat.ActionId}s; on a click, parse it and call
 *       {@link io.atelier.bot.chat.ChatActions#authorize} (tenant, owner or moderator), then act
 *       ({@link io.atelier.bot.chat.ChatImagine#again} for Reroll/Variations/Retry).</li>
 * </ol>
 */
@ApplicationModule(displayName = "Chat")
package io.atelier.bot.chat;

import org.springframework.modulith.ApplicationModule;

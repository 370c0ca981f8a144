package io.atelier.bot.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt app: routes {@code /imagine}, {@code /describe}, {@code /blend}, button clicks, the forms' submissions and
 * {@code app_home_opened} to {@link SlackInteractions}, and {@code app_mention} to {@link SlackInteractions#mention}
 * (the assistant, replying in the thread).
 *
 * <p>Every handler does only cheap things on Bolt's (or the servlet's) thread: records the
 * delivery in the {@link SlackInbox} (a redelivery stops there) and hands the work to the bot's
 * executor, then acks. Slack gets its answer in milliseconds whatever the work costs.
 *
 * <p>Request signatures are checked before Bolt sees a request ({@link SlackEventsController},
 * constant-time); Bolt's own check is off. No authorization middleware either: the Web API is called
 * through {@link SlackWebApi}, not Bolt's context, with the token of the workspace each payload names
 * ({@link SlackWebApi#asTeam}: the installed workspace's, else the configured bot token).
 */
final class SlackBoltApp {

    static final String MODAL_CALLBACK = "atelier_imagine_modal";
    static final String REMIX_CALLBACK = "atelier_remix_modal";
    static final String DESCRIBE_CALLBACK = "atelier_describe_modal";
    static final String BLEND_CALLBACK = "atelier_blend_modal";
    static final String INSTALL_PATH = "/slack/install";
    static final String REDIRECT_PATH = "/slack/oauth_redirect";
    static final Pattern ATELIER_ACTIONS = Pattern.compile("^atelier[:_].*");

    private static final Logger log = LoggerFactory.getLogger(SlackBoltApp.class);

    private SlackBoltApp() {
    }

    static App create(Slack slack, SlackProperties properties, SlackInbox inbox, SlackInteractions interactions,
                      Executor executor, InstallationService installations) {
        AppConfig.AppConfigBuilder builder = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(properties.botToken())
                .signingSecret(properties.signingSecret())
                .requestVerificationEnabled(false)
                .appInitializersEnabled(false);
        if (properties.oauth()) {
            // Bolt's OAuth flow: /slack/install sends the installer to Slack's authorize page with a
            // state cookie, /slack/oauth_redirect checks it, calls oauth.v2.access and stores the
            // workspace's bot token through the installation service.
            builder.clientId(properties.clientId())
                    .clientSecret(properties.clientSecret())
                    .scope(properties.scopes())
                    .redirectUri(properties.redirectUri())
                    .oauthInstallPath(INSTALL_PATH)
                    .oauthRedirectUriPath(REDIRECT_PATH)
                    .oAuthInstallPageRenderingEnabled(false);
        }
        App app = new App(builder.build(), List.of(new SSLCheck(null)));
        if (properties.oauth()) {
            app.asOAuthApp(true);
            app.service(installations);
            // app_uninstalled and tokens_revoked delete the workspace's installation (Bolt's handlers).
            app.enableTokenRevocationHandlers();
        }

        app.command("/imagine", (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            if (inbox.firstDelivery("command", p.getTriggerId())) {
                SlackUser user = new SlackUser(p.getTeamId(), p.getUserId(), p.getUserName());
                String text = p.getText() == null ? "" : p.getText().trim();
                if (text.isEmpty()) {
                    run(executor, user.workspaceId(), () -> interactions.openModal(user, p.getChannelId(), p.getTriggerId(), p.getResponseUrl()));
                } else {
                    run(executor, user.workspaceId(), () -> interactions.imagine(user, p.getChannelId(), text, p.getResponseUrl()));
                }
            } else {
                log.info("Slack /imagine redelivered (trigger {}): ignored", p.getTriggerId());
            }
            return ctx.ack();
        });

        for (String name : List.of("/describe", "/blend")) {
            app.command(name, (req, ctx) -> {
                SlashCommandPayload p = req.getPayload();
                if (inbox.firstDelivery("command", p.getTriggerId())) {
                    SlackUser user = new SlackUser(p.getTeamId(), p.getUserId(), p.getUserName());
                    String text = p.getText() == null ? "" : p.getText().trim();
                    if (name.equals("/describe")) {
                        run(executor, user.workspaceId(), () -> interactions.describe(user, p.getChannelId(), text, p.getTriggerId(), p.getResponseUrl()));
                    } else {
                        run(executor, user.workspaceId(), () -> interactions.blend(user, p.getChannelId(), text, p.getTriggerId(), p.getResponseUrl()));
                    }
                } else {
                    log.info("Slack {} redelivered (trigger {}): ignored", name, p.getTriggerId());
                }
                return ctx.ack();
            });
        }

        app.blockAction(ATELIER_ACTIONS, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            if (p.getActions() == null || p.getActions().isEmpty()) {
                return ctx.ack();
            }
            BlockActionPayload.Action action = p.getActions().getFirst();
            String key = p.getTriggerId() != null ? p.getTriggerId() : action.getActionTs();
            if (inbox.firstDelivery("action", key)) {
                SlackUser user = new SlackUser(p.getTeam() == null ? null : p.getTeam().getId(), p.getUser().getId(),
                        p.getUser().getUsername());
                String channel = p.getChannel() != null ? p.getChannel().getId()
                        : p.getContainer() == null ? null : p.getContainer().getChannelId();
                String messageTs = p.getContainer() == null ? null : p.getContainer().getMessageTs();
                String threadTs = p.getContainer() == null ? null : p.getContainer().getThreadTs();
                // A button carries its value; a select (Reject with a reason) its selected option.
                String value = action.getValue() != null ? action.getValue()
                        : action.getSelectedOption() == null ? null : action.getSelectedOption().getValue();
                SlackAction click = new SlackAction(user, action.getActionId(), value, channel, messageTs,
                        threadTs, p.getResponseUrl(), p.getTriggerId());
                run(executor, user.workspaceId(), () -> interactions.click(click));
            } else {
                log.info("Slack action redelivered (trigger {}): ignored", key);
            }
            return ctx.ack();
        });

        app.viewSubmission(MODAL_CALLBACK, (req, ctx) -> {
            ViewSubmissionPayload p = req.getPayload();
            String key = p.getView() != null && p.getView().getId() != null ? p.getView().getId() : p.getTriggerId();
            if (inbox.firstDelivery("view", key)) {
                SlackUser user = new SlackUser(p.getTeam() == null ? null : p.getTeam().getId(), p.getUser().getId(),
                        p.getUser().getUsername());
                run(executor, user.workspaceId(), () -> interactions.submitModal(user, p.getView()));
            } else {
                log.info("Slack modal submission redelivered (view {}): ignored", key);
            }
            return ctx.ack();
        });

        for (String callback : List.of(REMIX_CALLBACK, DESCRIBE_CALLBACK, BLEND_CALLBACK)) {
            app.viewSubmission(callback, (req, ctx) -> {
                ViewSubmissionPayload p = req.getPayload();
                String key = p.getView() != null && p.getView().getId() != null ? p.getView().getId() : p.getTriggerId();
                if (inbox.firstDelivery("view", key)) {
                    SlackUser user = new SlackUser(p.getTeam() == null ? null : p.getTeam().getId(), p.getUser().getId(),
                            p.getUser().getUsername());
                    run(executor, user.workspaceId(), () -> interactions.submitForm(user, p.getView()));
                } else {
                    log.info("Slack form submission redelivered (view {}): ignored", key);
                }
                return ctx.ack();
            });
        }

        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            if ("home".equals(event.getTab()) && inbox.firstDelivery("event", payload.getEventId())) {
                SlackUser user = new SlackUser(payload.getTeamId(), event.getUser(), null);
                run(executor, user.workspaceId(), () -> interactions.homeOpened(user));
            }
            return ctx.ack();
        });
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent event = payload.getEvent();
            if (inbox.firstDelivery("event", payload.getEventId())) {
                SlackUser user = new SlackUser(payload.getTeamId(), event.getUser(), null);
                String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
                run(executor, user.workspaceId(), () -> interactions.mention(user, event.getChannel(), thread, event.getText()));
            } else {
                log.info("Slack app_mention redelivered (event {}): ignored", payload.getEventId());
            }
            return ctx.ack();
        });
        return app;
    }

    /** Runs {@code work} on the bot's executor with the Slack calls it makes on workspace {@code teamId}'s token. */
    private static void run(Executor executor, String teamId, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    SlackWebApi.asTeam(teamId, work);
                } catch (RuntimeException e) {
                    log.warn("Slack interaction failed", e);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            log.warn("Slack interaction dropped: the bot is shutting down");
        }
    }
}

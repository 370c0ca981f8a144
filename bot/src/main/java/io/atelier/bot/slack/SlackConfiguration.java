package io.atelier.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatAssistant;
import io.atelier.bot.chat.ChatActionRunner;
import io.atelier.bot.chat.ChatActions;
import io.atelier.bot.chat.ChatBlend;
import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatDescribe;
import io.atelier.bot.chat.ChatImagine;
import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatSettingsStore;
import io.atelier.bot.chat.ChatTenantSettings;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Slack bot, on when {@code atelier.slack.bot-token} is set, or the OAuth install flow's client id and
 * secret are ({@link SlackEnabled}): HTTP mode at {@code /slack/events} with the signing secret, Socket
 * Mode with the app token, or both.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackEnabled.class)
class SlackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlackConfiguration.class);

    @Bean(destroyMethod = "close")
    Slack slack(SlackProperties properties) {
        if (!properties.httpMode() && !properties.socketMode()) {
            throw new IllegalStateException("the Slack bot is on but neither atelier.slack.signing-secret "
                    + "(HTTP mode, /slack/events) nor atelier.slack.app-token (Socket Mode) is set: Slack could not reach the bot");
        }
        if (properties.oauth() && !properties.httpMode()) {
            throw new IllegalStateException("atelier.slack.client-id and client-secret (the OAuth install flow) need "
                    + "atelier.slack.signing-secret: the install pages are served over HTTP");
        }
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.apiUrl().toString());
        config.setHttpClientReadTimeoutMillis(30_000);
        config.setHttpClientWriteTimeoutMillis(30_000);
        log.info("Slack bot on: {}", properties);
        return Slack.getInstance(config);
    }

    @Bean
    SlackWebApi slackWebApi(Slack slack, SlackProperties properties, JdbcTemplate jdbc) {
        return new SlackWebApi(slack, properties, new SlackTokens(JdbcClient.create(jdbc), properties.botToken()));
    }

    @Bean
    SlackInbox slackInbox(JdbcTemplate jdbc) {
        return new SlackInbox(jdbc, Clock.systemUTC());
    }

    /** Where interactions run after the ack: one virtual thread each (they block on HTTP and the database). */
    @Bean(destroyMethod = "shutdown")
    ExecutorService slackExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("slack-", 0).factory());
    }

    @Bean
    SlackDeliveryChannel slackDeliveryChannel(SlackWebApi slack, GenerationService generations, JdbcTemplate jdbc,
                                              ChatDeliveries deliveries) {
        return new SlackDeliveryChannel(slack, generations, new SlackUploads(jdbc), deliveries);
    }

    @Bean
    SlackModeration slackModeration(SlackWebApi slack, SlackProperties properties, GalleryService gallery,
                                    GenerationService generations) {
        return new SlackModeration(slack, properties, gallery, generations);
    }

    @Bean
    SlackModerationSink slackModerationSink(SlackWebApi slack, SlackProperties properties, SlackModeration moderation) {
        return new SlackModerationSink(slack, properties, moderation);
    }

    @Bean
    SlackInteractions slackInteractions(SlackWebApi slack, SlackProperties properties, ChatImagine imagine,
                                        ChatDeliveries deliveries, ChatActions actions, ChatAccounts accounts,
                                        ChatSettingsStore settings, ChatQuotas quotas, GenerationService generations,
                                        TemplateService templates, ModelCatalog models, SlackModeration moderation,
                                        ChatAssistant assistant, ChatActionRunner runner, ChatDescribe describe,
                                        ChatBlend blend, ChatTenantSettings tenants) {
        SlackImages images = new SlackImages(slack);
        SlackJobActions jobs = new SlackJobActions(slack, images, runner, describe, blend);
        SlackCommands commands = new SlackCommands(slack, accounts, settings, quotas, generations, deliveries, models, templates,
                tenants);
        return new SlackInteractions(slack, properties, imagine, deliveries, actions, accounts, settings, quotas,
                generations, templates, models, moderation, assistant, jobs, images, commands);
    }

    @Bean
    SlackInstallations slackInstallations(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new SlackInstallations(JdbcClient.create(jdbc), tx);
    }

    @Bean
    App slackApp(Slack slack, SlackProperties properties, SlackInbox inbox, SlackInteractions interactions,
                 ExecutorService slackExecutor, SlackInstallations installations) {
        return SlackBoltApp.create(slack, properties, inbox, interactions, slackExecutor, installations);
    }

    @Bean
    @Conditional(SlackEnabled.SocketMode.class)
    SlackSocketMode slackSocketMode(App slackApp, SlackProperties properties) {
        return new SlackSocketMode(slackApp, properties.appToken());
    }

    @Bean
    SlackInboxCleaner slackInboxCleaner(SlackInbox inbox) {
        return new SlackInboxCleaner(inbox);
    }

    /** Forgets redelivery keys after a day (Slack retries within minutes). */
    static final class SlackInboxCleaner {
        private final SlackInbox inbox;

        SlackInboxCleaner(SlackInbox inbox) {
            this.inbox = inbox;
        }

        @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
        void purge() {
            inbox.purgeOlderThan(Duration.ofDays(1));
        }
    }
}

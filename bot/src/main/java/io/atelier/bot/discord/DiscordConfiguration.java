package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatActionRunner;
import io.atelier.bot.chat.ChatActions;
import io.atelier.bot.chat.ChatAssistant;
import io.atelier.bot.chat.ChatBlend;
import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatDeliveryRunner;
import io.atelier.bot.chat.ChatDescribe;
import io.atelier.bot.chat.ChatImagine;
import io.atelier.bot.chat.ChatJobs;
import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatRenderer;
import io.atelier.bot.chat.ChatSettingsStore;
import io.atelier.bot.chat.ChatTenantSettings;
import io.atelier.bot.leader.DatabaseLease;
import io.atelier.bot.leader.LeaderElection;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.storage.ImageUrls;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Discord bot's parts, on only when a token is configured ({@link DiscordCondition}). */
@Configuration(proxyBeanMethods = false)
@Conditional(DiscordCondition.class)
class DiscordConfiguration {

    /** The bot's own threads for everything after the acknowledgement (virtual: they mostly wait on I/O). */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService discordExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("discord-work-", 0).factory());
    }

    @Bean
    DiscordWork discordWork(ExecutorService discordExecutor, DiscordProperties properties) {
        return new DiscordWork(discordExecutor, properties.workConcurrency());
    }

    @Bean
    DiscordMessages discordMessages(GenerationService generations, DiscordProperties properties, ImageUrls urls) {
        return new DiscordMessages(generations, properties.uploadLimit().toBytes(),
                image -> urls.hasTrustedAbsoluteBase() ? Optional.of(urls.urlFor(image)) : Optional.empty());
    }

    @Bean
    DiscordReplies discordReplies(DiscordMessages messages, ChatDeliveryRunner deliveryRunner) {
        return new DiscordReplies(messages, deliveryRunner);
    }

    @Bean
    DiscordCatalog discordCatalog(ModelCatalog models, TemplateService templates, ChatAccounts accounts) {
        return new DiscordCatalog(models, templates, accounts);
    }

    @Bean
    DiscordCommands discordCommands(DiscordProperties p, ChatImagine imagine, DiscordReplies replies, DiscordCatalog catalog,
                                    DiscordWork work, ChatJobs jobs, ChatAccounts accounts, GenerationService generations,
                                    ChatRenderer renderer, ChatDeliveries deliveries, ChatSettingsStore settings,
                                    ChatQuotas quotas, ChatActionRunner runner, ChatDescribe describe, ChatBlend blend,
                                    DiscordButtons buttons, ChatTenantSettings tenants) {
        String role = p.moderatorRole();
        DiscordJobActions jobActions = new DiscordJobActions(runner, replies, work, role);
        return new DiscordCommands(List.of(
                new ImagineCommand(imagine, replies, catalog, work, jobActions, role),
                new DescribeCommand(describe, replies, work, jobActions, role),
                new BlendCommand(blend, replies, catalog, work, role),
                new TemplatesCommand(catalog, work),
                new ModelsCommand(catalog, work),
                new JobsCommand(jobs, work, role),
                new ShowCommand(accounts, generations, renderer, deliveries, replies, work, role),
                new SettingsCommand(settings, catalog, work, role),
                new QuotaCommand(quotas, work, role),
                new ServerSettingsCommand(tenants, work)), List.of(buttons));
    }

    @Bean
    DiscordModerationSink discordModerationSink(DiscordRest rest, DiscordMessages messages, DiscordProperties properties) {
        return new DiscordModerationSink(rest, messages, properties);
    }

    @Bean
    DiscordButtons discordButtons(ChatActions actions, GalleryService gallery, DiscordReplies replies, DiscordRest rest,
                                  DiscordWork work, DiscordProperties properties) {
        return new DiscordButtons(actions, gallery, replies, rest, work, properties);
    }

    @Bean
    DiscordMentions discordMentions(ChatAssistant assistant, ExecutorService discordExecutor) {
        return new DiscordMentions(assistant, discordExecutor);
    }

    @Bean
    DiscordListener discordListener(DiscordCommands commands, DiscordMentions mentions, DiscordProperties properties) {
        return new DiscordListener(commands, mentions, properties.guilds());
    }

    @Bean
    DiscordClient discordClient() {
        return new DiscordClient();
    }

    @Bean
    DiscordBot discordBot(DiscordProperties properties, DiscordListener listener, DiscordClient client, JdbcTemplate jdbc) {
        DiscordProperties.Leader leader = properties.leader();
        if (!leader.enabled()) {
            return new DiscordBot(properties, listener, client);
        }
        String instanceId = leader.instanceId() != null && !leader.instanceId().isBlank() ? leader.instanceId()
                : defaultInstanceId();
        return new DiscordBot(properties, listener, client, work -> new LeaderElection(
                new DatabaseLease(jdbc, GATEWAY_LEASE, instanceId, leader.ttl(), Clock.systemUTC()), leader.renewInterval(), work));
    }

    static final String GATEWAY_LEASE = "discord-gateway";

    /** {@code host:pid:random}: unique per process, readable in {@code leader_leases}. */
    static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Through the gateway session when this instance holds it, else plain HTTP (see {@link DiscordBot}). */
    @Bean(destroyMethod = "close")
    SessionAwareDiscordRest discordRest(DiscordClient client, DiscordProperties properties) {
        HttpDiscordRest http = new HttpDiscordRest(properties.apiBaseUrl(), properties.token());
        return new SessionAwareDiscordRest(client::get, new JdaDiscordRest(client::get, http), http);
    }

    @Bean
    DiscordDeliveryChannel discordDeliveryChannel(DiscordRest rest, DiscordMessages messages, DiscordProperties properties) {
        return new DiscordDeliveryChannel(rest, messages, properties.interactionTokenTtl(), Clock.systemUTC());
    }
}

package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatActions;
import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatDeliveryRunner;
import io.atelier.bot.chat.ChatImagine;
import io.atelier.bot.chat.ChatJobs;
import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatRenderer;
import io.atelier.bot.chat.ChatSettingsStore;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.storage.ImageStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

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
    DiscordWork discordWork(ExecutorService discordExecutor) {
        return new DiscordWork(discordExecutor);
    }

    @Bean
    DiscordMessages discordMessages(ImageStore images) {
        return new DiscordMessages(images);
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
                                    ChatQuotas quotas) {
        String role = p.moderatorRole();
        return new DiscordCommands(List.of(
                new ImagineCommand(imagine, replies, catalog, work, role),
                new TemplatesCommand(catalog, work),
                new ModelsCommand(catalog, work),
                new JobsCommand(jobs, work, role),
                new ShowCommand(accounts, generations, renderer, deliveries, replies, work, role),
                new SettingsCommand(settings, catalog, work, role),
                new QuotaCommand(quotas, work, role)));
    }

    @Bean
    DiscordButtons discordButtons(ChatActions actions, ChatImagine imagine, GenerationService generations,
                                  GalleryService gallery, DiscordReplies replies, DiscordRest rest, DiscordWork work,
                                  DiscordProperties properties) {
        return new DiscordButtons(actions, imagine, generations, gallery, replies, rest, work, properties);
    }

    @Bean
    DiscordListener discordListener(DiscordCommands commands, DiscordButtons buttons, DiscordProperties properties) {
        return new DiscordListener(commands, buttons, properties.guilds());
    }

    @Bean
    DiscordClient discordClient() {
        return new DiscordClient();
    }

    @Bean
    DiscordBot discordBot(DiscordProperties properties, DiscordListener listener, DiscordClient client) {
        return new DiscordBot(properties, listener, client);
    }

    @Bean
    DiscordRest discordRest(DiscordClient client) {
        return new JdaDiscordRest(client::get);
    }

    @Bean
    DiscordDeliveryChannel discordDeliveryChannel(DiscordRest rest, DiscordMessages messages, DiscordProperties properties) {
        return new DiscordDeliveryChannel(rest, messages, properties.interactionTokenTtl(), Clock.systemUTC());
    }
}

package io.atelier.bot.chat;

import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the chat delivery and moderation jobs with the job engine (which collects every {@link Task} bean). */
@Configuration(proxyBeanMethods = false)
class ChatDeliveryConfiguration {

    @Bean
    Task<String> chatDeliveryTask(ObjectProvider<ChatDeliveryRunner> runner) {
        return ChatDeliveryRunner.task(runner::getObject);
    }

    @Bean
    Task<String> chatModerationTask(ObjectProvider<ChatModerationPosts> posts) {
        return ChatModerationPosts.task(posts::getObject);
    }
}

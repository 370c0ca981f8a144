package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.core.account.Caller;
import io.atelier.tools.assistant.AssistantService;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Issue 17, point 9: a mention is answered within the user's chat quota, and the reply pings nobody. */
class ChatAssistantLimitsTest {

    @Test
    void aUserOverTheirQuotaGetsTheQuotaAnswerAndTheLlmIsNotAsked() {
        AssistantService service = mock(AssistantService.class);
        when(service.available()).thenReturn(true);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("assistant", service);
        ChatAccounts accounts = mock(ChatAccounts.class);
        ChatUser user = new ChatUser(ChatPlatform.DISCORD, "guild", "42", "someone");
        when(accounts.callerFor(user)).thenReturn(new Caller("team", user.principal(), false));
        ChatQuotas quotas = mock(ChatQuotas.class);
        when(quotas.check(user)).thenReturn(new QuotaDecision.Denied("user-daily", "You have used your 50 images for today.",
                Instant.parse("2026-01-02T00:00:00Z")));
        ChatAssistant assistant = new ChatAssistant(beans.getBeanProvider(AssistantService.class), accounts, quotas,
                mock(ChatJobRepository.class));

        String answer = assistant.answer(user, "channel", "<@1> draw four foxes");

        assertThat(answer).startsWith("You have used your 50 images for today.");
        verify(service, never()).chat(any(), any(), any(), any(), any());
    }

    @Test
    void slackRepliesCannotNotifyAChannelOrAUser() {
        assertThat(ChatAssistant.safeFor(ChatPlatform.SLACK, "hey <!channel> and <@U123> & <!here|here>"))
                .doesNotContain("<").doesNotContain(">").contains("&lt;!channel&gt;").contains("&amp;");
        assertThat(ChatAssistant.safeFor(ChatPlatform.DISCORD, "@everyone")).isEqualTo("@everyone");
    }
}

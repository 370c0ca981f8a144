package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.CreatedTeam;
import io.atelier.core.account.Team;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationQueries;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.QueueEstimate;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.generation.SubmitHook;
import io.atelier.core.provider.ModelCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chat tables (migration V7) through the chat layer's own classes, on the database a subclass
 * provides (H2 in memory, the local PostgreSQL).
 */
abstract class ChatStoreTestSupport {

    abstract DataSource dataSource();

    JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }

    TransactionTemplate tx() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
    }

    /** An AccountService whose createTeam inserts a real team row (the FK of chat_tenants needs it). */
    AccountService accounts() {
        AccountService accounts = mock(AccountService.class);
        when(accounts.createTeam(anyString(), anyBoolean(), any())).thenAnswer(i -> {
            String id = Ids.uuid();
            Long credits = i.getArgument(2);
            Instant now = Timestamps.now();
            jdbc().sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(id, i.getArgument(0), false, credits == null ? 10_000L : credits, Timestamps.db(now)).update();
            return new CreatedTeam(new Team(id, i.getArgument(0), false, credits == null ? 10_000L : credits, now), "key");
        });
        return accounts;
    }

    ChatUser user(String tenant, String id, String... roles) {
        return new ChatUser(ChatPlatform.DISCORD, tenant, id, "user " + id, Set.of(roles), false);
    }

    String tenant() {
        return "g-" + Ids.token(6);
    }

    void generationRow(String id, String teamId, String status) {
        Instant now = Timestamps.now();
        jdbc().sql("""
                        INSERT INTO generations (id, team_id, status, source, model, original_prompt, prompt, width, height,
                        image_count, seed, auto_enhance, options_json, request_json, meta_json, warnings_json, public_requested,
                        progress_percent, attempts, credits_charged, created_at, updated_at)
                        VALUES (?, ?, ?, 'DISCORD', 'local/preview', 'p', 'p', 64, 64, 1, 1, FALSE, '{}', '{}', '{}', '[]',
                        FALSE, 0, 0, 1, ?, ?)""")
                .params(id, teamId, status, Timestamps.db(now), Timestamps.db(now)).update();
    }

    /**
     * The generation feature's reads chat makes, answered from this database's {@code generations}
     * rows the way {@code GenerationRepository} does (its class cannot be built outside its package).
     */
    GenerationQueries generationQueries() {
        GenerationQueries queries = mock(GenerationQueries.class);
        when(queries.activeIds(anyString())).thenAnswer(i -> jdbc()
                .sql("SELECT id FROM generations WHERE team_id = ? AND status IN ('QUEUED', 'PROCESSING')")
                .param(i.getArgument(0, String.class)).query(String.class).list());
        when(queries.averageProcessingMillis(anyString(), anyInt())).thenReturn(Optional.empty());
        return queries;
    }

    ChatQuotas quotas(ChatProperties properties) {
        return new ChatQuotas(new ChatJobRepository(jdbc()), new ChatTenantRepository(jdbc()), generationQueries(),
                properties, java.time.Clock.systemUTC(), null);
    }

    @Test
    void oneTeamPerTenantWithTheConfiguredStartingCredits() {
        AccountService accounts = accounts();
        ChatAccounts chat = new ChatAccounts(new ChatTenantRepository(jdbc()), accounts, tx(), new ChatProperties(250L, null, null));
        String tenant = tenant();

        var alice = chat.callerFor(user(tenant, "1"));
        var bob = chat.callerFor(user(tenant, "2"));
        var elsewhere = chat.callerFor(user(tenant(), "1"));

        assertThat(alice.teamId()).isEqualTo(bob.teamId()).isNotEqualTo(elsewhere.teamId());
        assertThat(alice.keyId()).isEqualTo("discord:1");
        assertThat(alice.admin()).isFalse();
        verify(accounts, times(2)).createTeam(anyString(), anyBoolean(), any());
        assertThat(jdbc().sql("SELECT credits FROM teams WHERE id = ?").param(alice.teamId()).query(Long.class).single())
                .isEqualTo(250L);
        assertThat(chat.findTeam(ChatPlatform.DISCORD, tenant)).contains(alice.teamId());
        assertThat(chat.findTeam(ChatPlatform.SLACK, tenant)).isEmpty();
    }

    /** Issue 17, point 9: only listed guilds/workspaces get a team, new teams start small, chat users pass the gate. */
    @Test
    void onlyAllowListedTenantsGetATeamWithSmallStartingCreditsAndUsersPassTheGate() {
        String listed = tenant();
        io.atelier.core.api.RateLimiter limiter = io.atelier.core.api.RateLimiter.inMemory(2);
        io.atelier.core.api.RequestGate gate = new io.atelier.core.api.RequestGate(accounts(), limiter,
                new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
        ChatAccounts chat = new ChatAccounts(new ChatTenantRepository(jdbc()), accounts(), tx(), new ChatProperties(null, null, null), gate,
                java.util.Set.of(listed), java.util.Set.of());
        String unlisted = tenant();
        assertThatThrownBy(() -> chat.callerFor(user(unlisted, "1")))
                .isInstanceOfSatisfying(ChatAccessException.class, e -> assertThat(e.code()).isEqualTo("TENANT_NOT_ALLOWED"));
        assertThat(chat.findTeam(ChatPlatform.DISCORD, unlisted)).as("no team for an unlisted guild").isEmpty();
        var caller = chat.callerFor(user(listed, "1"));
        assertThat(jdbc().sql("SELECT credits FROM teams WHERE id = ?").param(caller.teamId()).query(Long.class).single())
                .isEqualTo(ChatProperties.DEFAULT_STARTING_CREDITS);
        chat.callerFor(user(listed, "1"));
        assertThatThrownBy(() -> chat.callerFor(user(listed, "1")))
                .isInstanceOfSatisfying(ChatAccessException.class, e -> assertThat(e.code()).isEqualTo("RATE_LIMITED"));
        chat.callerFor(user(listed, "2")); // another principal has its own bucket
    }

    @Test
    void settingsAreStoredPerUserAndMerged() {
        ModelCatalog catalog = mock(ModelCatalog.class);
        when(catalog.find("local/preview")).thenReturn(Optional.of(mock(ModelCatalog.Entry.class)));
        when(catalog.find("nope/none")).thenReturn(Optional.empty());
        ChatSettingsStore store = new ChatSettingsStore(new ChatUserSettingsRepository(jdbc()), catalog);
        ChatUser u = user(tenant(), "1");

        assertThat(store.get(u)).isEqualTo(ChatSettings.NONE);
        store.update(u, new ChatSettings("local/preview", "16:9", null, null));
        ChatSettings after = store.update(u, new ChatSettings(null, null, "ink", true));
        assertThat(after).isEqualTo(new ChatSettings("local/preview", "16:9", "ink", true));
        assertThat(store.get(u)).isEqualTo(after);
        assertThat(store.update(u, new ChatSettings("", null, null, null)).model()).isNull();
        assertThat(store.get(user(u.tenantId(), "2"))).isEqualTo(ChatSettings.NONE);

        assertThatThrownBy(() -> store.update(u, new ChatSettings("nope/none", null, null, null)))
                .isInstanceOf(GenerationValidationException.class).hasMessageContaining("nope/none");
        assertThatThrownBy(() -> store.update(u, new ChatSettings(null, "sideways", null, null)))
                .isInstanceOf(GenerationValidationException.class);
    }

    @Test
    void quotasCountRunningAndTodaysJobsPerUserAndTenantWithRoleOverrides() {
        ChatAccounts chat = new ChatAccounts(new ChatTenantRepository(jdbc()), accounts(), tx(), new ChatProperties(null, null, null));
        ChatJobRepository repository = new ChatJobRepository(jdbc());
        ChatProperties properties = new ChatProperties(null, new ChatProperties.Quota(2, 3, 4, 0,
                Map.of("vip", new ChatProperties.RoleLimits(5, 0), "slow", new ChatProperties.RoleLimits(1, 1))), null);
        ChatQuotas quotas = quotas(properties);
        String tenant = tenant();
        ChatUser alice = user(tenant, "1");
        String team = chat.callerFor(alice).teamId();

        assertThat(quotas.check(alice)).isInstanceOf(QuotaDecision.Allowed.class);
        for (String status : new String[] {"QUEUED", "PROCESSING"}) {
            String id = Ids.uuid();
            generationRow(id, team, status);
            repository.recordJob(id, team, alice, "c", Timestamps.now());
        }
        QuotaDecision concurrent = quotas.check(alice);
        assertThat(concurrent).isInstanceOfSatisfying(QuotaDecision.Denied.class, d -> {
            assertThat(d.limit()).isEqualTo("user-concurrent");
            assertThat(d.retryAt()).isNull();
        });
        // A vip may run more at once; the most generous role wins over a stricter one.
        assertThat(quotas.check(user(tenant, "1", "vip", "slow"))).isInstanceOf(QuotaDecision.Allowed.class);

        String done = Ids.uuid();
        generationRow(done, team, "SUCCEEDED");
        repository.recordJob(done, team, alice, "c", Timestamps.now());
        QuotaDecision daily = quotas.check(alice);
        assertThat(daily).isInstanceOfSatisfying(QuotaDecision.Denied.class, d -> {
            assertThat(d.limit()).isEqualTo("user-daily");
            assertThat(d.retryAt()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(25)));
        });
        ChatQuotas.Usage usage = quotas.usage(alice);
        assertThat(usage.userRunning()).isEqualTo(2);
        assertThat(usage.userToday()).isEqualTo(3);

        // The tenant's concurrency counts everyone: bob is refused at 4 running.
        ChatUser bob = user(tenant, "2");
        for (int i = 0; i < 2; i++) {
            String id = Ids.uuid();
            generationRow(id, team, "QUEUED");
            repository.recordJob(id, team, bob, "c", Timestamps.now());
        }
        assertThat(quotas.check(user(tenant, "3"))).isInstanceOfSatisfying(QuotaDecision.Denied.class,
                d -> assertThat(d.limit()).isEqualTo("tenant-concurrent"));

        // The daily counts are per UTC day: yesterday's job does not count today, and the tenant's
        // count is everyone's.
        String yesterday = Ids.uuid();
        generationRow(yesterday, team, "SUCCEEDED");
        repository.recordJob(yesterday, team, alice, "c", Timestamps.now().minus(Duration.ofDays(1)));
        ChatQuotas.Usage withBob = quotas.usage(alice);
        assertThat(withBob.userToday()).isEqualTo(3);
        assertThat(withBob.tenantToday()).isEqualTo(5);
        assertThat(quotas.usage(bob).userToday()).isEqualTo(2);
    }

    /**
     * {@code threads} concurrent {@code /imagine} of {@code who} (round robin) through the real chat
     * layer and database; the GenerationService is faked only as far as its storing transaction:
     * it waits until every submission has passed the early (unlocked) check, so all of them race,
     * then runs the hook and inserts a QUEUED generation in one transaction, as the real one does.
     */
    List<ImagineOutcome> imagineAtOnce(ChatProperties.Quota quota, int threads, ChatUser... who) throws Exception {
        ChatAccounts chat = new ChatAccounts(new ChatTenantRepository(jdbc()), accounts(), tx(), new ChatProperties(null, null, null));
        ChatQuotas quotas = quotas(new ChatProperties(null, quota, null));
        ChatSettingsStore settings = new ChatSettingsStore(new ChatUserSettingsRepository(jdbc()), mock(ModelCatalog.class));
        GenerationService generations = mock(GenerationService.class);
        when(generations.queueEstimate(any())).thenReturn(new QueueEstimate(0, null));
        ChatImagine imagine = new ChatImagine(chat, settings, quotas, generations, new ChatRenderer(generations, generationQueries()),
                mock(ChatDeliveries.class), new ChatJobRepository(jdbc()));
        CyclicBarrier allChecked = new CyclicBarrier(threads);
        when(generations.submit(any(), any(), any())).thenAnswer(i -> {
            Caller caller = i.getArgument(0);
            allChecked.await(30, TimeUnit.SECONDS);
            Generation prepared = ChatFixtures.generation(Ids.uuid(), caller.teamId(), GenerationStatus.QUEUED, 0, null);
            return tx().execute(status -> {
                i.getArgument(2, SubmitHook.class).beforeStore(prepared);
                generationRow(prepared.id(), prepared.teamId(), "QUEUED");
                return prepared;
            });
        });
        for (ChatUser u : who) {
            chat.callerFor(u);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ImagineOutcome>> futures = new ArrayList<>();
            for (int n = 0; n < threads; n++) {
                ChatUser u = who[n % who.length];
                futures.add(pool.submit(() -> imagine.submit(u, ImagineOptions.ofPrompt("a fox"), null)));
            }
            List<ImagineOutcome> outcomes = new ArrayList<>();
            for (Future<ImagineOutcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    long chatJobs(ChatUser u) {
        return jdbc().sql("SELECT COUNT(*) FROM chat_jobs WHERE platform = ? AND tenant_id = ? AND user_id = ?")
                .params(u.platform().name(), u.tenantId(), u.userId()).query(Long.class).single();
    }

    static List<ChatView.Failure> refusals(List<ImagineOutcome> outcomes) {
        return outcomes.stream().filter(ImagineOutcome.Refused.class::isInstance)
                .map(o -> ((ImagineOutcome.Refused) o).failure()).toList();
    }

    @Test
    void concurrentImaginesOfOneUserNeverPassTheConcurrentLimit() throws Exception {
        ChatUser alice = user(tenant(), "1");

        List<ImagineOutcome> outcomes = imagineAtOnce(new ChatProperties.Quota(1, 0, 0, 0, Map.of()), 8, alice);

        assertThat(outcomes).filteredOn(ImagineOutcome.Accepted.class::isInstance).hasSize(1);
        assertThat(refusals(outcomes)).hasSize(7).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(ChatView.FailureKind.QUOTA);
            assertThat(f.code()).isEqualTo("QUOTA_USER_CONCURRENT");
            assertThat(f.message()).contains("limit 1");
        });
        // The refused submissions left no chat job behind (their transaction rolled back).
        assertThat(chatJobs(alice)).isEqualTo(1);
    }

    @Test
    void concurrentImaginesOfOneUserNeverPassTheDailyLimit() throws Exception {
        ChatUser alice = user(tenant(), "1");
        Instant tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

        List<ImagineOutcome> outcomes = imagineAtOnce(new ChatProperties.Quota(0, 3, 0, 0, Map.of()), 8, alice);

        assertThat(outcomes).filteredOn(ImagineOutcome.Accepted.class::isInstance).hasSize(3);
        assertThat(refusals(outcomes)).hasSize(5).allSatisfy(f -> {
            assertThat(f.code()).isEqualTo("QUOTA_USER_DAILY");
            assertThat(f.retryAt()).isEqualTo(tomorrow);
            assertThat(f.message()).contains("used your 3 images").contains("try again at " + tomorrow);
        });
        assertThat(chatJobs(alice)).isEqualTo(3);
    }

    @Test
    void concurrentImaginesOfATenantsUsersNeverPassTheTenantLimit() throws Exception {
        String tenant = tenant();
        ChatUser[] users = {user(tenant, "1"), user(tenant, "2"), user(tenant, "3"), user(tenant, "4")};

        List<ImagineOutcome> outcomes = imagineAtOnce(new ChatProperties.Quota(0, 0, 2, 0, Map.of()), 8, users);

        assertThat(outcomes).filteredOn(ImagineOutcome.Accepted.class::isInstance).hasSize(2);
        assertThat(refusals(outcomes)).hasSize(6)
                .allSatisfy(f -> assertThat(f.code()).isEqualTo("QUOTA_TENANT_CONCURRENT"));
    }

    @Test
    void theLockedCheckNeedsATransaction() {
        ChatQuotas quotas = quotas(new ChatProperties(null, null, null));
        assertThatThrownBy(() -> quotas.checkLocked(user(tenant(), "1"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void deliveriesRoundTripAndFollowTheirGeneration() {
        ChatAccounts chat = new ChatAccounts(new ChatTenantRepository(jdbc()), accounts(), tx(), new ChatProperties(null, null, null));
        ChatDeliveryRepository repository = new ChatDeliveryRepository(jdbc());
        ChatUser alice = user(tenant(), "1");
        String team = chat.callerFor(alice).teamId();
        String gen = Ids.uuid();
        generationRow(gen, team, "QUEUED");
        Instant created = Timestamps.now();
        ChatDelivery d = new ChatDelivery(Ids.uuid(), gen, team, ChatPlatform.DISCORD, alice.tenantId(), "1",
                new DeliveryTarget("chan", Map.of("token", "secret", "applicationId", "app")), ChatDelivery.State.ACTIVE,
                null, null, 0, null, created);
        repository.insert(d);

        assertThat(repository.find(d.id())).contains(d);
        assertThat(repository.activeForGeneration(gen)).containsExactly(d);

        Instant shown = Timestamps.now();
        repository.shown(d.id(), "progress:40", shown, new DeliveryTarget("chan2", Map.of("messageId", "m1")),
                ChatDelivery.State.ACTIVE);
        repository.failedAttempt(d.id(), 2, "x".repeat(600), shown);
        ChatDelivery after = repository.find(d.id()).orElseThrow();
        assertThat(after.lastView()).isEqualTo("progress:40");
        assertThat(after.lastEditAt()).isEqualTo(shown);
        assertThat(after.target()).isEqualTo(new DeliveryTarget("chan2", Map.of("messageId", "m1")));
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.lastError()).hasSize(500);

        repository.finish(d.id(), ChatDelivery.State.DONE, null, shown);
        assertThat(repository.activeForGeneration(gen)).isEmpty();

        // Deleting the generation deletes its deliveries; the chat job stays for the daily count.
        ChatJobRepository jobs = new ChatJobRepository(jdbc());
        jobs.recordJob(gen, team, alice, "chan", created);
        jdbc().sql("DELETE FROM generations WHERE id = ?").param(gen).update();
        assertThat(repository.find(d.id())).isEmpty();
        assertThat(jobs.jobExists(gen)).isTrue();
    }
}

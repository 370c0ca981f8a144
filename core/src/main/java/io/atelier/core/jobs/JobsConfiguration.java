package io.atelier.core.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import io.atelier.core.common.AtelierProperties;
import io.atelier.core.common.Ids;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The durable job engine: db-scheduler on the application's database.
 *
 * <p>Guarantees relied upon: an execution is picked by one worker at a time (optimistic lock on
 * the row); a picked execution whose worker stops heart-beating for
 * {@code heartbeatInterval × missedHeartbeats} is revived by any live instance (crash, kill -9);
 * executions are picked by priority, then due time (used for fairness between teams).
 *
 * <p>The scheduler sees the data source through a {@link TransactionAwareDataSourceProxy}, so a job
 * scheduled inside a Spring transaction commits or rolls back with it (no job without its row).
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean
    JobScheduler jobScheduler(DataSource dataSource, List<Task<?>> tasks, WorkerProperties worker, AtelierProperties atelier) {
        // One name for this instance's life, also when the engine is rebuilt: rows it picked stay its own.
        String name = "atelier-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + Ids.token(6);
        PredecessorRevival predecessor = new PredecessorRevival(dataSource, atelier.dataDir(), name);
        return new JobScheduler(() -> build(dataSource, tasks, worker, name), name, worker, predecessor::run);
    }

    private static Scheduler build(DataSource dataSource, List<Task<?>> tasks, WorkerProperties worker, String name) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(worker.concurrency())
                .pollingInterval(worker.pollInterval())
                .heartbeatInterval(worker.heartbeatInterval())
                .missedHeartbeatsLimit(worker.missedHeartbeats())
                // Fetch at most one batch of `concurrency` due jobs at a time: a deeper in-memory
                // prefetch would fix the order before a later, higher-priority job could overtake.
                .pollUsingFetchAndLockOnExecute(0.5, 1.0)
                .enableImmediateExecution()
                .enablePriority()
                .deleteUnresolvedAfter(Duration.ofDays(14))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }
}

package io.atelier.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Many callers' small transactions committed as one, each with its own result or its own failure. */
class GroupCommitTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final GroupCommit commits;

    GroupCommitTest() {
        dataSource.setURL("jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))").update();
        commits = new GroupCommit("test-commits", tx);
    }

    @AfterEach
    void close() {
        commits.close();
    }

    @Test
    void concurrentUnitsAreCommittedWithTheirOwnResultsAndAFailingUnitFailsAlone() throws Exception {
        int callers = 40;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                int id = i;
                results.add(threads.submit(() -> {
                    start.await();
                    return commits.execute(status -> {
                        // Unit 13 breaks the primary key: only it may fail, whatever batch it shares.
                        jdbc.sql("INSERT INTO items (id, name) VALUES (?, ?)").params(id == 13 ? 12 : id, "item " + id).update();
                        return id * 2;
                    });
                }));
            }
            start.countDown();
            int failed = 0;
            for (int i = 0; i < callers; i++) {
                try {
                    assertThat(results.get(i).get()).isEqualTo(i * 2);
                } catch (ExecutionException e) {
                    failed++;
                    assertThat(i).isIn(12, 13);
                    assertThat(e.getCause()).isInstanceOf(DuplicateKeyException.class);
                }
            }
            assertThat(failed).isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM items").query(Long.class).single()).isEqualTo(callers - 1);
    }

    @Test
    void aUnitOfACallerAlreadyInATransactionJoinsItAndRollsBackWithIt() {
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            commits.execute(inner -> jdbc.sql("INSERT INTO items (id, name) VALUES (100, 'joined')").update());
            throw new IllegalStateException("the caller's transaction fails afterwards");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM items WHERE id = 100").query(Long.class).single()).isZero();
    }

    @Test
    void theUnitsExceptionReachesItsCallerUnchanged() {
        IllegalArgumentException refused = new IllegalArgumentException("refused by the unit");
        assertThatThrownBy(() -> commits.execute(status -> {
            throw refused;
        })).isSameAs(refused);
    }
}

package io.atelier.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls that would pass the budget wait for memory instead of failing. */
class MemoryBudgetTest {

    @Test
    void aCallThatDoesNotFitWaitsUntilMemoryIsGivenBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Reservation first = budget.reserve(70);
        CompletableFuture<MemoryBudget.Reservation> second = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.reserve(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (budget.waiting() == 0) {
            Thread.onSpinWait();
        }
        assertThat(second).isNotDone();
        assertThat(budget.used()).isEqualTo(70);

        first.close();
        MemoryBudget.Reservation got = second.get(30, TimeUnit.SECONDS);
        assertThat(budget.used()).isEqualTo(50);
        got.close();
        got.close();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aCallLargerThanTheWholeBudgetTakesAllOfItRatherThanNever() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        try (MemoryBudget.Reservation huge = budget.reserve(10_000)) {
            assertThat(budget.used()).isEqualTo(100);
        }
        assertThat(budget.used()).isZero();
    }
}

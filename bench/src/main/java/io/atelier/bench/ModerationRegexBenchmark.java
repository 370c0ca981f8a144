package io.atelier.bench;

import io.atelier.core.prompt.moderation.Blocklist;
import io.atelier.core.prompt.moderation.BlocklistRule;
import io.atelier.core.prompt.moderation.MatchBudget;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Issue 17, point 1: what hostile tenant blocklists cost per prompt. A team may have
 * {@value #RULES} rules; the attack was 20 rules {@code re:(a+)+b}, which took 5.5 s of CPU per request
 * on the old backtracking engine. This measures, in CPU time of the benchmark thread:
 * <ol>
 *   <li>the attack's 20 rules, and a full list of {@value #RULES} hostile rules, on RE2/J (the
 *       blocklist engine) over a 4,000-character prompt of {@code a}s;</li>
 *   <li>for comparison, one {@code (a+)+b} rule on {@code java.util.regex} over a 24-character prompt
 *       (each added character doubles its time; at 4,000 it would not finish).</li>
 * </ol>
 * No budget is applied (the default 250 ms budget caps any check): this shows the engine's own cost.
 */
public final class ModerationRegexBenchmark {

    static final int RULES = 500;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " at "
                + System.getProperty("java.home") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        String prompt = "a".repeat(4_000);
        List<String> hostile = List.of("re:(a+)+b", "re:(a|aa)+$x", "re:(.*a){20}z", "re:(a*)*b", "re:([a-z]+)+[0-9]");
        Blocklist attack = list(20, List.of("re:(a+)+b"));
        Blocklist full = list(RULES, hostile);
        for (int warm = 0; warm < 5; warm++) {
            attack.firstMatch(prompt, MatchBudget.unlimited());
            full.firstMatch(prompt, MatchBudget.unlimited());
        }
        report("RE2/J, 20 rules re:(a+)+b, 4,000-char prompt", () -> attack.firstMatch(prompt, MatchBudget.unlimited()), 20);
        report("RE2/J, " + RULES + " hostile rules, 4,000-char prompt", () -> full.firstMatch(prompt, MatchBudget.unlimited()), 5);
        Pattern backtracking = Pattern.compile("(a+)+b");
        for (int n : new int[] {20, 22, 24}) {
            String text = "a".repeat(n);
            report("java.util.regex, 1 rule (a+)+b, " + n + "-char prompt", () -> backtracking.matcher(text).find(), 3);
        }
    }

    private static Blocklist list(int size, List<String> patterns) {
        List<BlocklistRule> rules = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            // Distinct rules (a team's entries are unique): the same hostile shapes with a numbered tail.
            rules.add(BlocklistRule.compile("team#" + i, patterns.get(i % patterns.size()) + "|q" + i + "q", null));
        }
        return new Blocklist("team", rules);
    }

    private static void report(String what, Runnable check, int runs) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            check.run();
        }
        double millis = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / runs;
        System.out.printf("%-60s %10.2f ms CPU per prompt (%d runs)%n", what, millis, runs);
    }
}

package io.atelier.bot.chat;

/** A text progress bar that renders the same in Discord and Slack: {@code ▰▰▰▱▱▱▱▱▱▱ 30%}. */
public final class ProgressBar {

    static final int CELLS = 10;

    private ProgressBar() {
    }

    public static String text(int percent) {
        int p = Math.max(0, Math.min(100, percent));
        int full = p * CELLS / 100;
        return "▰".repeat(full) + "▱".repeat(CELLS - full) + " " + p + "%";
    }
}

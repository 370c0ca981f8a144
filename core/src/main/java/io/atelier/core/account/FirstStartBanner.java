package io.atelier.core.account;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Shows the first-start admin key to the person who started the service, on the controlling
 * terminal ({@code /dev/tty}), which is neither standard output nor standard error: those carry the
 * structured (JSON) log stream, which log shippers collect. Without a terminal (a service manager, a
 * container, output redirected to a file) nothing is shown; the key is in its 0600 file.
 */
final class FirstStartBanner {

    static final String TERMINAL = "/dev/tty";

    private FirstStartBanner() {
    }

    /** Writes {@code text} to the terminal; false when there is none. */
    static boolean showOnTerminal(String text) {
        try (OutputStream tty = new FileOutputStream(TERMINAL)) {
            tty.write(text.getBytes(StandardCharsets.UTF_8));
            tty.flush();
            return true;
        } catch (IOException | SecurityException noTerminal) {
            return false;
        }
    }
}

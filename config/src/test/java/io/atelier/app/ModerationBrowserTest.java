package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The gallery and the moderation console in a real browser (headless Debian chromium through
 * Debian's chromedriver, installed by {@code scripts/ensure-chromium.sh} when missing): generate →
 * publish → not public → a moderator signs in → approves with the {@code a} shortcut → public in
 * {@code /gallery} → a viewer reports it → it is back in the queue. Every moderation action of the
 * walk has its audit row. Screenshots go to {@code target/screenshots/}.
 */
class ModerationBrowserTest extends GalleryTestSupport {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private WebDriver driver;
    private ChromeDriverService service;
    private Path profile;

    @BeforeAll
    static void ensureChromium() throws IOException, InterruptedException {
        if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
            return;
        }
        Path script = findScript();
        Process p = new ProcessBuilder("sh", script.toString()).inheritIO().start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("ensure-chromium.sh finished").isTrue();
        assertThat(p.exitValue()).as("scripts/ensure-chromium.sh exit code (chromium and chromium-driver are needed)").isZero();
    }

    private static Path findScript() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("scripts/ensure-chromium.sh");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("scripts/ensure-chromium.sh not found above " + Path.of("").toAbsolutePath());
    }

    private WebDriver browser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("atelier-chromium-");
        // The driver and the browser are given explicitly, so Selenium Manager is never consulted.
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,900", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void publishApproveWithTheKeyboardReportAndBackInTheQueue() throws IOException {
        TeamClient owner = team("Harbour Studio");
        TeamClient moderator = moderator("Community moderators");
        String id = generate(owner.api(), "a lighthouse over a calm sea at dawn");
        ApiClient.Response published = owner.api().post("/api/v1/generations/" + id + "/publish", "{}");
        assertThat(published.json().at("/data/status").stringValue()).isEqualTo("PENDING_REVIEW");

        WebDriver web = browser();
        WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));

        // not visible publicly
        web.get(base() + "/gallery");
        assertThat(web.findElements(By.cssSelector("li.tile[data-id='" + id + "']"))).isEmpty();
        screenshot("01-gallery-before-approval");
        web.get(base() + "/gallery/" + id);
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Not available");

        // the moderator signs in
        web.get(base() + "/moderation");
        wait.until(ExpectedConditions.urlContains("/moderation/login"));
        screenshot("02-moderation-login");
        web.findElement(By.id("apiKey")).sendKeys(moderator.key());
        web.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
        assertThat(web.getCurrentUrl()).endsWith("/moderation");

        // j moves the selection to our item, a approves it
        WebElement item = web.findElement(By.cssSelector(".queue-item[data-id='" + id + "']"));
        int items = web.findElements(By.cssSelector(".queue-item")).size();
        for (int i = 0; i < items && !item.getAttribute("class").contains("selected"); i++) {
            new Actions(web).sendKeys("j").perform();
        }
        assertThat(item.getAttribute("class")).contains("selected");
        writeReadmeCopy(screenshot("03-moderation-queue"), "moderation-readme");
        new Actions(web).sendKeys("a").perform();
        wait.until(ExpectedConditions.urlContains("done=approve"));
        assertThat(web.findElement(By.id("notice")).getText()).isEqualTo("Approved.");
        assertThat(web.findElements(By.cssSelector(".queue-item[data-id='" + id + "']"))).isEmpty();
        screenshot("04-approved");

        // now public
        web.get(base() + "/gallery");
        WebElement tile = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.tile[data-id='" + id + "']")));
        WebElement thumbnail = tile.findElement(By.tagName("img"));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", thumbnail));
        assertThat(thumbnail.getAttribute("alt")).isEqualTo("a lighthouse over a calm sea at dawn");
        byte[] gallery = screenshot("05-gallery-after-approval");
        writeReadmeCopy(gallery, "gallery-readme");

        // a viewer (no session) reports it
        web.manage().deleteAllCookies();
        web.get(base() + "/gallery/" + id);
        assertThat(web.findElement(By.cssSelector("h1.prompt")).getText()).isEqualTo("a lighthouse over a calm sea at dawn");
        assertThat(web.findElement(By.cssSelector(".facts")).getText()).contains("Harbour Studio").contains("local/preview");
        web.findElement(By.cssSelector("details.report summary")).click();
        new Select(web.findElement(By.id("report-reason"))).selectByValue("copyright");
        web.findElement(By.id("report-details")).sendKeys("this is my photo");
        web.findElement(By.id("report-submit")).click();
        wait.until(ExpectedConditions.urlContains("reported=1"));
        assertThat(web.findElement(By.cssSelector(".notice")).getText()).contains("Thank you");
        screenshot("06-reported");

        // back in the moderator's queue, with the report
        web.get(base() + "/moderation/login");
        web.findElement(By.id("apiKey")).sendKeys(moderator.key());
        web.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        WebElement reported = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".queue-item[data-id='" + id + "']")));
        assertThat(reported.findElement(By.cssSelector(".reports")).getText()).contains("1 open report").contains("copyright")
                .contains("this is my photo");
        assertThat(web.findElements(By.cssSelector("#audit tr[data-target='" + id + "'][data-action='APPROVE']"))).hasSize(1);
        screenshot("07-queue-with-report");

        // every moderation action of the walk has its audit row
        JsonNode audit = moderator.api().get("/api/v1/moderation/audit?target=" + id).json().get("data");
        List<String> actions = new ArrayList<>();
        audit.forEach(a -> actions.add(a.get("action").stringValue() + "/" + a.get("role").stringValue()));
        assertThat(actions).containsExactly("REPORT/VIEWER", "APPROVE/MODERATOR", "PUBLISH/OWNER");
        JsonNode approve = audit.get(1);
        assertThat(approve.get("actor").stringValue()).startsWith("key:");
        assertThat(approve.get("actorName").stringValue()).isEqualTo("Community moderators");
        assertThat(approve.get("before").stringValue()).isEqualTo("PENDING_REVIEW");
        assertThat(approve.get("after").stringValue()).isEqualTo("APPROVED");
        assertThat(approve.get("requestId").stringValue()).isNotBlank();
        assertThat(audit.get(0).get("reason").stringValue()).isEqualTo("copyright");
        assertThat(audit.get(0).get("note").stringValue()).isEqualTo("this is my photo");
        assertThat(audit.get(0).get("actor").stringValue()).startsWith("viewer:ip:");
        assertThat(audit.get(2).get("actorName").stringValue()).isEqualTo("Harbour Studio");
    }

    private byte[] screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        return png;
    }

    /** A half-size copy of a screenshot, small enough for the README (docs/images/). */
    private static void writeReadmeCopy(byte[] png, String name) throws IOException {
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(png));
        int w = full.getWidth() / 2;
        int h = full.getHeight() / 2;
        BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = half.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
        g.dispose();
        ImageIO.write(half, "png", SCREENSHOTS.resolve(name + ".png").toFile());
    }
}

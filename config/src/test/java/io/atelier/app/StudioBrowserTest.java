package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.TestPropertySource;

/**
 * The landing page and the studio in headless Chromium (as {@link ModerationBrowserTest} drives it):
 * {@code /} lists the models and links; a wrong key is refused at sign-in; a team signs in, fills the
 * whole form, watches the live progress bar, gets its images, rerolls, asks for variations, publishes
 * (pending review), pages through its history, and the page fits a phone-sized window. The local
 * model takes two seconds per generation here so the progress is seen. Screenshots are kept in
 * {@code docs/images/} (the README shows {@code studio.png}).
 */
@TestPropertySource(properties = {
        "atelier.providers.local.latency=2s",
        "atelier.data-dir=${atelier.test-root}/studio-browser"
})
class StudioBrowserTest extends AppTestSupport {

    private WebDriver driver;
    private ChromeDriverService service;
    private Path profile;

    @BeforeAll
    static void ensureChromium() throws IOException, InterruptedException {
        ModerationBrowserTest.ensureChromium();
    }

    private WebDriver browser() throws IOException {
        profile = Files.createTempDirectory("atelier-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(ModerationBrowserTest.CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ModerationBrowserTest.CHROMIUM);
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

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Every run keeps its screenshots under {@code config/target/screenshots}; with
     * {@code -Datelier.docs.write=true} they replace the ones in {@code docs/images/} (so a plain test
     * run leaves the checkout clean).
     */
    private void screenshot(String name) throws IOException {
        Path images = Boolean.getBoolean("atelier.docs.write")
                ? DocumentationTest.repositoryRoot().resolve("docs/images")
                : DocumentationTest.repositoryRoot().resolve("config/target/screenshots");
        Files.createDirectories(images);
        Files.write(images.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static void waitForImages(WebDriver web, WebDriverWait wait) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results img")));
        for (WebElement img : web.findElements(By.cssSelector("#results img"))) {
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", img));
        }
    }

    @Test
    void landingPageThenSignInGenerateRerollVariationsPublishAndHistory() throws IOException {
        ApiClient.Response team = admin().post("/api/v1/admin/teams", Map.of("name", "Poster Studio", "credits", 500));
        String key = team.json().at("/data/apiKey").stringValue();
        WebDriver web = browser();
        WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(40));

        // the landing page
        web.get(base() + "/");
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Atelier");
        assertThat(web.findElement(By.id("models")).getText()).contains("local/preview").contains("gpt-image-1");
        String links = web.findElement(By.id("links")).getAttribute("innerHTML");
        assertThat(links).contains("href=\"/studio\"").contains("href=\"/gallery\"").contains("href=\"/swagger-ui\"")
                .contains("href=\"/actuator/health\"");
        assertThat(web.findElement(By.id("surfaces")).getText()).contains("HTTP APIs");
        screenshot("landing");

        // a wrong key is refused
        web.get(base() + "/studio");
        wait.until(ExpectedConditions.urlContains("/studio/login"));
        web.findElement(By.id("apiKey")).sendKeys("atl_not-a-key-of-this-instance");
        web.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-error"))).getText())
                .isEqualTo("That API key is not valid.");

        // sign in, fill the whole form with the keyboard, Ctrl+Enter generates
        web.findElement(By.id("apiKey")).sendKeys(key);
        web.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("generate-form")));
        assertThat(web.findElement(By.id("who")).getText()).isEqualTo("Poster Studio");
        Select template = new Select(web.findElement(By.id("template")));
        assertThat(template.getOptions()).hasSizeGreaterThan(1);
        template.selectByIndex(1);
        new Select(web.findElement(By.id("aspectRatio"))).selectByValue("16:9");
        new Select(web.findElement(By.id("model"))).selectByValue("local/preview");
        WebElement count = web.findElement(By.id("count"));
        count.clear();
        count.sendKeys("2");
        web.findElement(By.id("seed")).sendKeys("42");
        web.findElement(By.id("negativePrompt")).sendKeys("text, watermark");
        WebElement prompt = web.findElement(By.id("prompt"));
        prompt.sendKeys("a poster of a red fox in a snowy forest at sunset");
        screenshot("studio-form");
        prompt.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        // live progress, then the images
        wait.until(ExpectedConditions.urlContains("/studio/generations/"));
        String first = web.getCurrentUrl();
        assertThat(web.findElements(By.id("progress"))).as("the progress bar while it runs").hasSize(1);
        screenshot("studio-progress");
        waitForImages(web, wait);
        assertThat(web.findElement(By.id("status")).getText()).isEqualTo("succeeded");
        assertThat(web.findElements(By.cssSelector("#results img"))).hasSize(2);
        assertThat(web.findElement(By.id("model-used")).getText()).isEqualTo("local/preview");
        assertThat(web.findElements(By.cssSelector("#results a.download[download]"))).hasSize(2);
        screenshot("studio-results");

        // reroll: a new generation of the same prompt
        web.findElement(By.id("reroll")).click();
        wait.until(d -> !d.getCurrentUrl().equals(first) && d.getCurrentUrl().contains("/studio/generations/"));
        waitForImages(web, wait);
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("a poster of a red fox in a snowy forest at sunset");
        assertThat(web.findElements(By.cssSelector("#results img"))).hasSize(2);

        // variations: four images
        String reroll = web.getCurrentUrl();
        web.findElement(By.id("variations")).click();
        wait.until(d -> !d.getCurrentUrl().equals(reroll));
        waitForImages(web, wait);
        assertThat(web.findElements(By.cssSelector("#results img"))).hasSize(4);
        screenshot("studio");

        // publish: sent for review
        web.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.urlContains("notice=published"));
        assertThat(web.findElement(By.id("notice")).getText()).isEqualTo("Sent to the gallery for review.");
        assertThat(web.findElement(By.id("publication")).getText()).isEqualTo("PENDING_REVIEW");

        // the team's history
        web.get(base() + "/studio");
        assertThat(web.findElements(By.cssSelector("#history li.tile"))).hasSize(3);

        // a phone-sized window: no sideways scrolling
        web.manage().window().setSize(new Dimension(390, 844));
        web.navigate().refresh();
        Long overflow = (Long) ((JavascriptExecutor) web).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow).isLessThanOrEqualTo(0L);
        screenshot("studio-phone");

        web.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/studio/login"));

        // Swagger UI renders under the Content-Security-Policy (served from the jar, no CDN)
        web.manage().window().setSize(new Dimension(1200, 900));
        web.get(base() + "/swagger-ui");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
        assertThat(web.findElement(By.cssSelector(".swagger-ui")).getText()).contains("/api/v1/generations");
        screenshot("swagger-ui");
    }
}

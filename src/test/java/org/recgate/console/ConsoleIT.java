package org.recgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.ApiTesting;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * The supervisor console (docs/api.md, Supervisor console) in a real headless Chromium driven by
 * Selenium, against the real gateway with sipp as the recorder and a T-Library switch feed: log in,
 * a call appears without a reload, START and PAUSE from the console (sipp checks the INVITEs), a STOP
 * by a T-Library desktop turns the badge Off live, no browser console errors; a desktop is refused.
 * The screenshot goes to target/console-screenshot.png (docs/images/console.png is a copy of one).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConsoleIT {

    static final String CONN = "00000000000000c1";
    static final Path SCREENSHOT = Path.of("target/console-screenshot.png");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private WebDriver browser;
    private WebDriverWait wait;

    private static Map<String, String> settings(String recorderUri) throws Exception {
        return ApiTesting.settings(recorderUri, ApiTesting.EVENTS_DN_FILE);
    }

    /** Debian's chromium and chromedriver, named explicitly: Selenium Manager downloads nothing. */
    @BeforeEach
    void startBrowser() {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aSupervisorWatchesAndControlsACall() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("console_start_pause_stop.xml", "udp");
             RunningGateway gateway = RunningGateway.start(settings(recorder.uri()));
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop");
             TlibTestClient vendor = gateway.connectAs("vendor")) {
            desktop.register("1001", null);
            vendor.register("1001", null);
            logIn(gateway, "supervisor", "s3cret");
            wait.until(ExpectedConditions.textToBe(By.id("stream"), "Live"));
            assertEquals("0", browser.findElement(By.id("call-count")).getText());

            // the switch feeds a call: it appears without a reload
            establish(feed, CONN, "1001", "5000");
            By call = By.cssSelector("li[data-connection-id='" + CONN + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(call));
            assertTrue(browser.findElement(call).findElement(By.className("call-parties")).getText().startsWith("1001"));

            // START from the console: the recorder gets the INVITE, the badge turns On
            WebElement start = browser.findElement(call).findElement(By.className("start"));
            assertEquals("button", start.getTagName());
            start.click();
            By badge = By.cssSelector("li[data-connection-id='" + CONN + "'] tr[data-recording-id] .badge");
            wait.until(ExpectedConditions.textToBe(badge, "On"));
            assertTrue(recorder.received("INVITE") >= 1, "sipp received the INVITE");
            assertTrue(browser.findElement(badge).getAttribute("class").contains("on"));

            // PAUSE from the console (keyboard: focus the button, press Enter)
            WebElement pause = browser.findElement(By.cssSelector("li[data-connection-id='" + CONN + "'] button[data-operation='pause']"));
            pause.sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.textToBe(badge, "Paused"));
            assertEquals(2, recorder.received("INVITE"), "the pause is a re-INVITE");

            // the vendor's screen-capture state shows live too
            vendor.request(TlibTestClient.sendEvent("1001", "enabled"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("li[data-connection-id='" + CONN + "'] .call-screen"), "1001: enabled"));
            Files.createDirectories(SCREENSHOT.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                    StandardCopyOption.REPLACE_EXISTING);

            // a T-Library desktop stops the recording: Off, live
            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", CONN, Map.of()))
                    .path("message").asText());
            wait.until(ExpectedConditions.textToBe(badge, "Off"));
            recorder.assertPassed();
            List<String> timeline = browser.findElements(By.cssSelector(".timeline li")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("On", "Paused", "Off"), timeline.stream().map(step -> step.substring(step.lastIndexOf(' ') + 1)).toList(),
                    timeline::toString);

            // a narrow window: nothing wider than the window
            browser.manage().window().setSize(new Dimension(400, 800));
            wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth"));

            // the call ends: it goes from the list
            feed.request(TlibTestClient.message("EventReleased").put("AttrConnectionID", CONN).put("AttrThisDN", "5000"));
            feed.request(TlibTestClient.message("EventReleased").put("AttrConnectionID", CONN).put("AttrThisDN", "1001"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(call));
            assertNoConsoleErrors();
        }
    }

    @Test
    void aDesktopApplicationIsRefused() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(settings("sip:srs@127.0.0.1:5999"))) {
            logIn(gateway, "desktop", "");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-message"), "no supervisor role"));
            assertFalse(browser.findElement(By.id("calls-view")).isDisplayed());
            assertNoConsoleErrors();
        }
    }

    /** The console's files: the redirect, the types, the Content-Security-Policy without 'unsafe-inline'. */
    @Test
    void theFilesAreServedWithAContentSecurityPolicy() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(settings("sip:srs@127.0.0.1:5999"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> redirect = http.send(request(gateway, "/console"), HttpResponse.BodyHandlers.ofString());
            assertEquals(301, redirect.statusCode());
            assertEquals("/console/", redirect.headers().firstValue("Location").orElse(""));
            HttpResponse<String> index = http.send(request(gateway, "/console/"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElse(""));
            String policy = index.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
            for (Map.Entry<String, String> file : Map.of("console.js", "text/javascript", "api.js", "text/javascript", "view.js", "text/javascript", "console.css", "text/css",
                    "favicon.svg", "image/svg+xml").entrySet()) {
                HttpResponse<String> served = http.send(request(gateway, "/console/" + file.getKey()), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, served.statusCode(), file.getKey());
                assertTrue(served.headers().firstValue("Content-Type").orElse("").startsWith(file.getValue()), file.getKey());
            }
            assertEquals(404, http.send(request(gateway, "/console/secret.txt"), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertFalse(index.body().contains("http://") || index.body().contains("https://"), "nothing from another origin");
        }
    }

    private static HttpRequest request(RunningGateway gateway, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.apiPort() + path)).build();
    }

    /** Opens /console (redirected to /console/) and logs in with the keyboard: type, then Enter. */
    private void logIn(RunningGateway gateway, String application, String password) {
        browser.get("http://127.0.0.1:" + gateway.apiPort() + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("application")));
        assertTrue(browser.getCurrentUrl().endsWith("/console/"), browser.getCurrentUrl());
        browser.findElement(By.id("application")).sendKeys(application);
        browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
    }

    private void assertNoConsoleErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), severe.stream().map(LogEntry::toString).toList(), "browser console errors");
    }
}

package io.atelier.core.api;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page, for errors no servlet answered (the container refused the
 * request before routing it: an encoded {@code /} or a NUL in the path, a malformed request line):
 * JSON in the {@link ErrorDialect} of the path, with no server name, version or stack trace.
 */
class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String uri = request.getCoyoteRequest() == null ? null : request.getCoyoteRequest().requestURI().toString();
        ErrorDialect dialect = ErrorDialect.ofPath(uri);
        String message = status == 400 ? "the request could not be understood (its path or request line is not valid)"
                : AtelierErrorController.message(status, uri == null ? "" : uri);
        byte[] body = dialect.json(status, ErrorDialect.codeFor(status), message);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the response cannot take a body any more
        }
    }
}

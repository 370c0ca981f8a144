package io.atelier.core.storage.s3;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An in-process S3 server on loopback: s3proxy with its in-memory (transient) backend, checking
 * SigV4 signatures with a fixed test identity.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String IDENTITY = "atelier-test-access";
    static final String CREDENTIAL = "atelier-test-secret";

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private S3ProxyServer(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    static S3ProxyServer start(String... buckets) throws Exception {
        BlobStore store = new TransientNio2BlobStore();
        for (String bucket : buckets) {
            store.createContainer(bucket);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(5);
        }
        return new S3ProxyServer(proxy, store);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    BlobStore blobStore() {
        return blobStore;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}

-- Spring Authorization Server's JDBC tables (OAuth for remote MCP connectors), portable to H2 and
-- PostgreSQL: token values and JSON as VARCHAR (the JDBC services read the column types and bind
-- strings), instants as TIMESTAMP WITH TIME ZONE. Tokens are opaque ("reference") values looked up
-- here, so every instance accepts every token and revoking a grant or its API key takes effect at once.
CREATE TABLE oauth2_registered_client (
    id                            VARCHAR(100)             NOT NULL PRIMARY KEY,
    client_id                     VARCHAR(100)             NOT NULL,
    client_id_issued_at           TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret                 VARCHAR(200),
    client_secret_expires_at      TIMESTAMP WITH TIME ZONE,
    client_name                   VARCHAR(200)             NOT NULL,
    client_authentication_methods VARCHAR(1000)            NOT NULL,
    authorization_grant_types     VARCHAR(1000)            NOT NULL,
    redirect_uris                 VARCHAR(1000),
    post_logout_redirect_uris     VARCHAR(1000),
    scopes                        VARCHAR(1000)            NOT NULL,
    client_settings               VARCHAR(2000)            NOT NULL,
    token_settings                VARCHAR(2000)            NOT NULL
);
CREATE UNIQUE INDEX oauth2_registered_client_client_id ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id                            VARCHAR(100)             NOT NULL PRIMARY KEY,
    registered_client_id          VARCHAR(100)             NOT NULL,
    principal_name                VARCHAR(200)             NOT NULL,
    authorization_grant_type      VARCHAR(100)             NOT NULL,
    authorized_scopes             VARCHAR(1000),
    attributes                    VARCHAR(100000),
    state                         VARCHAR(500),
    authorization_code_value      VARCHAR(2000),
    authorization_code_issued_at  TIMESTAMP WITH TIME ZONE,
    authorization_code_expires_at TIMESTAMP WITH TIME ZONE,
    authorization_code_metadata   VARCHAR(10000),
    access_token_value            VARCHAR(2000),
    access_token_issued_at        TIMESTAMP WITH TIME ZONE,
    access_token_expires_at       TIMESTAMP WITH TIME ZONE,
    access_token_metadata         VARCHAR(10000),
    access_token_type             VARCHAR(100),
    access_token_scopes           VARCHAR(1000),
    oidc_id_token_value           VARCHAR(10000),
    oidc_id_token_issued_at       TIMESTAMP WITH TIME ZONE,
    oidc_id_token_expires_at      TIMESTAMP WITH TIME ZONE,
    oidc_id_token_metadata        VARCHAR(10000),
    refresh_token_value           VARCHAR(2000),
    refresh_token_issued_at       TIMESTAMP WITH TIME ZONE,
    refresh_token_expires_at      TIMESTAMP WITH TIME ZONE,
    refresh_token_metadata        VARCHAR(10000),
    user_code_value               VARCHAR(2000),
    user_code_issued_at           TIMESTAMP WITH TIME ZONE,
    user_code_expires_at          TIMESTAMP WITH TIME ZONE,
    user_code_metadata            VARCHAR(10000),
    device_code_value             VARCHAR(2000),
    device_code_issued_at         TIMESTAMP WITH TIME ZONE,
    device_code_expires_at        TIMESTAMP WITH TIME ZONE,
    device_code_metadata          VARCHAR(10000)
);
CREATE INDEX oauth2_authorization_access_token ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_refresh_token ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_state ON oauth2_authorization (state);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id VARCHAR(100)  NOT NULL,
    principal_name       VARCHAR(200)  NOT NULL,
    authorities          VARCHAR(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

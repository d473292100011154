-- One database per service: each owns its data (outbox, inbox, its own tables).
CREATE DATABASE onboarding;
CREATE DATABASE connector;
CREATE DATABASE webhook;
CREATE DATABASE grant_service;
CREATE DATABASE identity;

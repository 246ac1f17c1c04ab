#include "server/storage/schema.hpp"

#include <map>
#include <regex>

namespace frontdoor::server::storage {

// Instants are INTEGER seconds since the Unix epoch (UTC); dates are TEXT YYYY-MM-DD
// local to the hub; times of day are INTEGER minutes after local midnight.
// Nothing is ever deleted: bookings, waitlist entries and tokens change status; the
// audit trail is append-only (migration 8's triggers refuse UPDATE and DELETE).
const std::vector<std::string>& migrations() {
    static const std::vector<std::string> steps = {
        // 1: the first schema.
        R"SQL(
CREATE TABLE hubs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  address TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE rooms (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs(id),
  name TEXT NOT NULL,
  capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 1),
  active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  hub_id INTEGER REFERENCES hubs(id),
  username TEXT UNIQUE,
  password_hash TEXT,
  access TEXT NOT NULL CHECK (access IN ('admin','manager','reception','practitioner','none')),
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE TABLE working_hours (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  hub_id INTEGER NOT NULL REFERENCES hubs(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  CHECK (start_min >= 0 AND end_min <= 1440 AND end_min > start_min)
);
CREATE INDEX working_hours_by_hub ON working_hours(hub_id, weekday);
CREATE TABLE absences (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT,
  CHECK (to_date >= from_date)
);
CREATE INDEX absences_by_staff ON absences(staff_id, to_date);
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('appointment','group')),
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
  staff_role TEXT,
  capacity INTEGER,
  self_bookable INTEGER NOT NULL DEFAULT 1,
  needs_child INTEGER NOT NULL DEFAULT 0,
  discreet INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES services(id),
  hub_id INTEGER NOT NULL REFERENCES hubs(id),
  room_id INTEGER NOT NULL REFERENCES rooms(id),
  staff_id INTEGER REFERENCES staff(id),
  start_utc INTEGER NOT NULL,
  end_utc INTEGER NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 1),
  series_id INTEGER,
  cancelled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_hub ON sessions(hub_id, service_id, start_utc);
CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  interpreter TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX clients_by_dob ON clients(date_of_birth);
CREATE TABLE children (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  first_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL
);
CREATE INDEX children_by_dob ON children(date_of_birth);
CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  hub_id INTEGER NOT NULL REFERENCES hubs(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  session_id INTEGER REFERENCES sessions(id),
  room_id INTEGER NOT NULL REFERENCES rooms(id),
  staff_id INTEGER REFERENCES staff(id),
  start_utc INTEGER NOT NULL,
  end_utc INTEGER NOT NULL,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  child_id INTEGER REFERENCES children(id),
  status TEXT NOT NULL CHECK (status IN ('held','booked','arrived','in_progress','seen',
                                         'did_not_attend','was_not_brought','cancelled','released')),
  held_until INTEGER,
  arrived_at INTEGER,
  source TEXT NOT NULL DEFAULT 'staff',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX bookings_by_hub_time ON bookings(hub_id, start_utc);
CREATE INDEX bookings_by_staff_time ON bookings(staff_id, start_utc);
CREATE INDEX bookings_by_room_time ON bookings(room_id, start_utc);
CREATE INDEX bookings_by_session ON bookings(session_id);
CREATE INDEX bookings_by_client ON bookings(client_id);
-- Belt and braces under the write lock: one live 1:1 booking per practitioner and start.
CREATE UNIQUE INDEX bookings_one_per_staff_start ON bookings(staff_id, start_utc)
  WHERE session_id IS NULL AND staff_id IS NOT NULL AND status NOT IN ('cancelled','released');
CREATE TABLE booking_history (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings(id),
  at INTEGER NOT NULL,
  status TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX booking_history_by_booking ON booking_history(booking_id);
CREATE TABLE waitlist (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  session_id INTEGER REFERENCES sessions(id),
  from_date TEXT,
  to_date TEXT,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  child_id INTEGER REFERENCES children(id),
  status TEXT NOT NULL CHECK (status IN ('waiting','offered','booked','declined','expired','cancelled')),
  booking_id INTEGER REFERENCES bookings(id),
  offer_expires_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX waitlist_by_service ON waitlist(hub_id, service_id, status, id);
CREATE INDEX waitlist_offers ON waitlist(status, offer_expires_at);
CREATE TABLE idempotency_keys (
  principal TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (principal, key)
);
CREATE TABLE kiosks (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs(id),
  name TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('staff','kiosk')),
  staff_id INTEGER REFERENCES staff(id),
  kiosk_id INTEGER REFERENCES kiosks(id),
  csrf TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT
);
)SQL",
        // 2: a family is found by who they are (date of birth, surname, first name), not
        // by scanning everyone born that day; a session's live places are counted from
        // the index alone.
        R"SQL(
CREATE INDEX clients_by_identity ON clients(date_of_birth, last_name, first_name);
DROP INDEX clients_by_dob;
CREATE INDEX bookings_by_session_status ON bookings(session_id, status);
DROP INDEX bookings_by_session;
)SQL",
        // 3: usernames are case-insensitive (`ADMIN` is `admin`): one account per name in
        // any case. A name that clashed before gets its id appended (and an audit row)
        // rather than stopping the upgrade. A waitlist entry gets the hash of the code its
        // join answer gave, the only way a kiosk names it (ids are sequential).
        R"SQL(
INSERT INTO audit(at, actor, action, detail)
  SELECT CAST(strftime('%s','now') AS INTEGER), 'migration:3', 'staff.username_renamed',
         id || ':' || username || ' -> ' || username || '.' || id
  FROM staff s WHERE username IS NOT NULL AND EXISTS
    (SELECT 1 FROM staff o WHERE o.id < s.id AND o.username = s.username COLLATE NOCASE);
UPDATE staff SET username = username || '.' || id
  WHERE username IS NOT NULL AND EXISTS
    (SELECT 1 FROM staff o WHERE o.id < staff.id AND o.username = staff.username COLLATE NOCASE);
CREATE UNIQUE INDEX staff_username_nocase ON staff(username COLLATE NOCASE);
ALTER TABLE waitlist ADD COLUMN code_hash TEXT;
CREATE UNIQUE INDEX waitlist_by_code ON waitlist(code_hash) WHERE code_hash IS NOT NULL;
)SQL",
        // 4: staff act at the hubs they are assigned to, one or several; everyone starts
        // with the home hub they had. (staff.hub_id stays: the hub the staff page opens.)
        R"SQL(
CREATE TABLE staff_hubs (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  hub_id INTEGER NOT NULL REFERENCES hubs(id),
  PRIMARY KEY (staff_id, hub_id)
);
CREATE INDEX staff_hubs_by_hub ON staff_hubs(hub_id, staff_id);
INSERT INTO staff_hubs(staff_id, hub_id) SELECT id, hub_id FROM staff WHERE hub_id IS NOT NULL;
)SQL",
        // 5: a kiosk never changes a known family's contact details; what it was told is
        // kept with the booking or waitlist entry for staff to confirm.
        R"SQL(
ALTER TABLE bookings ADD COLUMN told_phone TEXT;
ALTER TABLE bookings ADD COLUMN told_email TEXT;
ALTER TABLE bookings ADD COLUMN told_interpreter TEXT;
ALTER TABLE waitlist ADD COLUMN told_phone TEXT;
ALTER TABLE waitlist ADD COLUMN told_email TEXT;
ALTER TABLE waitlist ADD COLUMN told_interpreter TEXT;
)SQL",
        // 6: a check-in past its start by more than the lateness allowance keeps how many
        // minutes late it was (NULL: on time, or not checked in at the kiosk or desk). A
        // service says in one line who it is for. Hubs, rooms and services may have a name
        // (and a service a description) per kiosk language; English is the row's own.
        R"SQL(
ALTER TABLE bookings ADD COLUMN minutes_late INTEGER CHECK (minutes_late IS NULL OR minutes_late >= 0);
ALTER TABLE services ADD COLUMN description TEXT NOT NULL DEFAULT '';
CREATE TABLE name_translations (
  kind TEXT NOT NULL CHECK (kind IN ('hub','room','service')),
  ref_id INTEGER NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('en','pl','pt','ro','uk')),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (kind, ref_id, lang)
);
)SQL",
        // 7: a status change
        // can be undone for a few minutes; the undo is a history row of its own that
        // names the row it takes back (and is never undone itself).
        R"SQL(
ALTER TABLE booking_history ADD COLUMN undo_of INTEGER REFERENCES booking_history(id);
)SQL",
        // 8: the audit trail says who (staff or kiosk), from where (the client's address),
        // whether it was a read of personal data, and which booking, family and hub it
        // was about; it is append-only: nothing may change or remove a line.
        R"SQL(
ALTER TABLE audit ADD COLUMN staff_id INTEGER;
ALTER TABLE audit ADD COLUMN kiosk_id INTEGER;
ALTER TABLE audit ADD COLUMN address TEXT;
ALTER TABLE audit ADD COLUMN is_read INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1));
ALTER TABLE audit ADD COLUMN booking_id INTEGER;
ALTER TABLE audit ADD COLUMN client_id INTEGER;
ALTER TABLE audit ADD COLUMN hub_id INTEGER;
CREATE INDEX audit_by_time ON audit(at);
CREATE INDEX audit_by_staff ON audit(staff_id, at);
CREATE INDEX audit_by_booking ON audit(booking_id);
CREATE INDEX audit_by_client ON audit(client_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
)SQL",
    };
    return steps;
}

namespace {

/// A step of SQLite's in PostgreSQL's types: every id an identity column, every
/// INTEGER a BIGINT (SQLite's integers are 64-bit).
std::string in_postgres_types(std::string sql) {
    sql = std::regex_replace(sql, std::regex{"INTEGER PRIMARY KEY"}, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    return std::regex_replace(sql, std::regex{"\\bINTEGER\\b"}, "BIGINT");
}

// What PostgreSQL says differently, by step (0-based), added after or instead of the
// translated step.
const std::map<size_t, std::string>& postgres_additions() {
    static const std::map<size_t, std::string> extra = {
        // 1: with several servers writing, the rules hold in the database: a live 1:1
        // booking takes its practitioner and its room for its whole time.
        {0, R"SQL(
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE bookings ADD CONSTRAINT bookings_practitioner_free
  EXCLUDE USING gist (staff_id WITH =, int8range(start_utc, end_utc) WITH &&)
  WHERE (session_id IS NULL AND staff_id IS NOT NULL AND status NOT IN ('cancelled','released'));
ALTER TABLE bookings ADD CONSTRAINT bookings_room_free
  EXCLUDE USING gist (room_id WITH =, int8range(start_utc, end_utc) WITH &&)
  WHERE (session_id IS NULL AND status NOT IN ('cancelled','released'));
)SQL"},
    };
    return extra;
}

const std::map<size_t, std::string>& postgres_replacements() {
    static const std::map<size_t, std::string> own = {
        {2, R"SQL(
INSERT INTO audit(at, actor, action, detail)
  SELECT CAST(extract(epoch FROM now()) AS BIGINT), 'migration:3', 'staff.username_renamed',
         id || ':' || username || ' -> ' || username || '.' || id
  FROM staff s WHERE username IS NOT NULL AND EXISTS
    (SELECT 1 FROM staff o WHERE o.id < s.id AND lower(o.username) = lower(s.username));
UPDATE staff SET username = username || '.' || id
  WHERE username IS NOT NULL AND EXISTS
    (SELECT 1 FROM staff o WHERE o.id < staff.id AND lower(o.username) = lower(staff.username));
CREATE UNIQUE INDEX staff_username_nocase ON staff(lower(username));
ALTER TABLE waitlist ADD COLUMN code_hash TEXT;
CREATE UNIQUE INDEX waitlist_by_code ON waitlist(code_hash) WHERE code_hash IS NOT NULL;
)SQL"},
        {7, R"SQL(
ALTER TABLE audit ADD COLUMN staff_id BIGINT;
ALTER TABLE audit ADD COLUMN kiosk_id BIGINT;
ALTER TABLE audit ADD COLUMN address TEXT;
ALTER TABLE audit ADD COLUMN is_read BIGINT NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1));
ALTER TABLE audit ADD COLUMN booking_id BIGINT;
ALTER TABLE audit ADD COLUMN client_id BIGINT;
ALTER TABLE audit ADD COLUMN hub_id BIGINT;
CREATE INDEX audit_by_time ON audit(at);
CREATE INDEX audit_by_staff ON audit(staff_id, at);
CREATE INDEX audit_by_booking ON audit(booking_id);
CREATE INDEX audit_by_client ON audit(client_id);
CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'audit is append-only'; END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_refuse();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_refuse();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse();
)SQL"},
    };
    return own;
}

} // namespace

const std::vector<std::string>& postgres_migrations() {
    static const std::vector<std::string> steps = [] {
        std::vector<std::string> out;
        const auto& sqlite = migrations();
        for (size_t i = 0; i < sqlite.size(); ++i) {
            auto own = postgres_replacements().find(i);
            std::string step = own != postgres_replacements().end() ? own->second : in_postgres_types(sqlite[i]);
            if (auto extra = postgres_additions().find(i); extra != postgres_additions().end()) step += extra->second;
            out.push_back(std::move(step));
        }
        return out;
    }();
    return steps;
}

} // namespace frontdoor::server::storage

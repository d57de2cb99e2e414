//! robots.txt rules of one host and how an HTTP outcome becomes them (RFC 9309, section 2.3.1):
//! success → the file's rules; 4xx → allow all; 5xx or unreachable → disallow all.

use std::time::Duration;

use texting_robots::Robot;

use super::FetchError;

/// Longest robots.txt read; RFC 9309 asks crawlers to parse at least 500 KiB.
pub const MAX_ROBOTS_BYTES: u64 = 512 * 1024;

/// Longest `Crawl-delay` honoured; a larger value would stall a run for hours on one line.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// What a host's robots.txt says for our user agent.
#[derive(Debug)]
pub enum Robots {
    /// No usable file (4xx, or it does not parse): everything is allowed.
    AllowAll,
    /// The file's rules.
    Rules(Box<Robot>),
    /// Everything is disallowed; the reason goes into the error record.
    DisallowAll(String),
    /// robots.txt could not be reached at all; the same failure is every URL's error.
    Unreachable(FetchError),
}

impl Robots {
    /// Rules from a successfully fetched robots.txt body.
    pub fn from_body(user_agent: &str, body: &[u8]) -> Robots {
        let body = &body[..body.len().min(MAX_ROBOTS_BYTES as usize)];
        // The product token is the user agent up to the first '/' ("warta/0.1 (+…)" → "warta").
        let token = user_agent.split(['/', ' ']).next().unwrap_or(user_agent);
        match Robot::new(token, body) {
            Ok(robot) => Robots::Rules(Box::new(robot)),
            Err(_) => Robots::AllowAll,
        }
    }

    /// The rules after the robots.txt fetch ended in `error` (after its retries).
    pub fn from_error(error: FetchError) -> Robots {
        match error {
            FetchError::HttpStatus { code, .. } if (400..500).contains(&code) => Robots::AllowAll,
            FetchError::HttpStatus { code, .. } => Robots::DisallowAll(format!(
                "robots.txt answered HTTP {code}; RFC 9309 says to assume complete disallow"
            )),
            // A redirect loop or an over-long file is "unavailable", like a 4xx.
            FetchError::RedirectLoop(_)
            | FetchError::TooManyRedirects(_)
            | FetchError::TooLarge { .. }
            | FetchError::NotHtml(_) => Robots::AllowAll,
            other => Robots::Unreachable(other),
        }
    }

    /// Whether `url` may be fetched: `Err` carries the error record's reason.
    pub fn check(&self, url: &str) -> Result<(), FetchError> {
        match self {
            Robots::AllowAll => Ok(()),
            Robots::Rules(robot) if robot.allowed(url) => Ok(()),
            Robots::Rules(_) => Err(FetchError::RobotsDisallowed(url.to_string())),
            Robots::DisallowAll(reason) => Err(FetchError::RobotsDisallowed(format!("{url} ({reason})"))),
            Robots::Unreachable(error) => Err(error.clone()),
        }
    }

    /// The `Crawl-delay` for our agent, capped at [`MAX_CRAWL_DELAY`].
    pub fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Robots::Rules(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d).min(MAX_CRAWL_DELAY)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_crawl_delay_for_our_token() {
        let txt = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: badbot\nDisallow: /\n";
        let robots = Robots::from_body("warta/0.1.0 (+https://example.invalid)", txt);
        assert!(robots.check("http://h.test/berita/1").is_ok());
        assert_eq!(robots.check("http://h.test/private/x").unwrap_err().kind(), "robots_disallowed");
        assert_eq!(robots.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn status_rules_follow_rfc_9309() {
        let e = |code| FetchError::HttpStatus { code, reason: String::new() };
        assert!(Robots::from_error(e(404)).check("http://h.test/").is_ok());
        assert_eq!(Robots::from_error(e(503)).check("http://h.test/").unwrap_err().kind(), "robots_disallowed");
        assert_eq!(Robots::from_error(FetchError::Dns("x".into())).check("http://h.test/").unwrap_err().kind(), "dns");
    }
}

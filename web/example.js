// The payload shown when the page opens: a typical monitoring alert.
export const EXAMPLE_PAYLOAD = `{
  "text": "#### :rotating_light: High error rate on **checkout-api**\\nError rate is **7.3 %** (threshold 5 %) for the last 10 minutes. @oncall please take a look.",
  "username": "Alertmanager",
  "icon_emoji": ":bell:",
  "attachments": [
    {
      "fallback": "checkout-api error rate 7.3%",
      "color": "danger",
      "title": "Runbook: elevated 5xx",
      "title_link": "https://runbooks.example.com/checkout-api/5xx",
      "fields": [
        { "title": "Service", "value": "checkout-api", "short": true },
        { "title": "Environment", "value": "production", "short": true },
        { "title": "Since", "value": "2026-11-27 09:02 UTC", "short": false }
      ],
      "footer": "Alertmanager"
    }
  ]
}`;

-- closeloop schema, version 17: the customer effort score runs 1 (very difficult) to 5 (very
-- easy), higher is better, as ../shared/docs/standards.md pins it for the KPI engine. Answers
-- stored before ran 1 (very easy) to 5 (very difficult): they are turned round.
UPDATE survey_responses SET effort = 6 - effort WHERE effort IS NOT NULL;
UPDATE survey_answers SET score = 6 - score WHERE question = 'ces' AND score IS NOT NULL;

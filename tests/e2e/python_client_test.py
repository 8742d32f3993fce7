#!/usr/bin/python3
"""The Python client without a server: the upload stream carries the rows
as the bundle reader reads them, and an audit request carries the packs,
jurisdiction and parameters as the CLI sends them.

Usage: python_client_test.py STUBS_DIR SOURCE_DIR
"""

import os
import shutil
import sys
import tempfile
import unittest

STUBS, SOURCE = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SOURCE, "clients", "python"))
import tiersight_client  # noqa: E402


class UploadStreamTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="tiersight-client-")
        self.client = tiersight_client.TiersightClient("127.0.0.1:1", "token", stubs_dir=STUBS)

    def tearDown(self):
        self.client.close()
        shutil.rmtree(self.dir)

    def write(self, name, data):
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

    def requests(self, batch_bytes=tiersight_client.DEFAULT_BATCH_BYTES):
        return list(self.client.upload_requests(self.dir, batch_bytes=batch_bytes))

    def test_rows_are_read_as_the_bundle_reader_reads_them(self):
        self.write("agents.csv", "\ufeffregion , agent_id,sponsor_id\n\"a,\"\"b\"\"\", T ,\n\n华东,A,T\r\n")
        self.write("network.yaml", "name: Brand\nas_of: 2026-09-30\ntiers: [总代, 特约]\n")
        header, batch = self.requests()
        self.assertEqual(header.header.facts.name, "Brand")
        self.assertEqual(header.header.facts.as_of, "2026-09-30")
        self.assertEqual(list(header.header.facts.tiers), ["总代", "特约"])
        agents = batch.batch.agents
        self.assertEqual([a.agent_id for a in agents], ["T", "A"])
        self.assertEqual(agents[0].region, 'a,"b"')
        self.assertEqual(agents[1].sponsor_id, "T")

    def test_jurisdiction_and_licence_are_sent(self):
        self.write("agents.csv", "agent_id,sponsor_id\nT,\n")
        self.write("network.yaml", "jurisdiction: no\ndirect_selling_licence: true\n")
        facts = self.requests()[0].header.facts
        self.assertEqual(facts.jurisdiction, "no")
        self.assertTrue(facts.direct_selling_licence)
        self.write("network.yaml", "jurisdiction: cn\n")
        facts = self.requests()[0].header.facts
        self.assertEqual(facts.jurisdiction, "cn")
        self.assertFalse(facts.direct_selling_licence)

    def test_gb18030_files_are_sent_as_text(self):
        self.write("agents.csv", "agent_id,sponsor_id,tier\nT,,总代\n".encode("gb18030"))
        self.write("network.yaml", "encoding: gb18030\n")
        self.assertEqual(self.requests()[1].batch.agents[0].tier, "总代")

    def test_batches_split_by_size_and_keep_file_order(self):
        self.write("agents.csv", "agent_id,sponsor_id\n" + "".join(f"A{i},\n" for i in range(50)))
        self.write("orders.csv", "order_id,date,seller_id,buyer_id,quantity,amount\n"
                                 "O1,2026-01-01,,A1,5,50\n")
        batches = [r.batch for r in self.requests(batch_bytes=64)[1:]]
        self.assertGreater(len(batches), 1)
        self.assertEqual([a.agent_id for b in batches for a in b.agents],
                         [f"A{i}" for i in range(50)])
        self.assertEqual(batches[-1].orders[0].quantity, "5")

    def test_a_missing_required_column_is_refused(self):
        self.write("agents.csv", "agent_id\nT\n")
        with self.assertRaisesRegex(tiersight_client.BundleError,
                                    "agents.csv:1: missing required column sponsor_id"):
            self.requests()

    def test_a_record_with_the_wrong_field_count_is_refused(self):
        self.write("agents.csv", "agent_id,sponsor_id\nT,\nA,T,extra\n")
        with self.assertRaisesRegex(tiersight_client.BundleError, "3 fields where the header has 2"):
            self.requests()

    def test_a_bundle_without_agents_is_refused(self):
        with self.assertRaisesRegex(tiersight_client.BundleError, "required file is missing"):
            self.requests()


class AuditRequestTest(unittest.TestCase):
    """The AuditNetworkRequest the client sends for packs, jurisdiction and
    parameters, as `tiersight audit --server` sends them."""

    def setUp(self):
        self.client = tiersight_client.TiersightClient("127.0.0.1:1", "token", stubs_dir=STUBS)

    def tearDown(self):
        self.client.close()

    def test_no_pack_chooses_by_jurisdiction(self):
        request = self.client.audit_request("n1", jurisdiction="cn",
                                            params={"cn.join_share": 0.6, "cn.min_team": "30"})
        self.assertEqual(request.network, "networks/n1")
        self.assertEqual(request.jurisdiction, "cn")
        self.assertFalse(request.all_packs)
        self.assertEqual(list(request.rule_packs), [])
        self.assertEqual(dict(request.params), {"cn.join_share": "0.6", "cn.min_team": "30"})

    def test_all_runs_every_pack_and_stands_alone(self):
        request = self.client.audit_request("n1", packs=["all"])
        self.assertTrue(request.all_packs)
        self.assertEqual(list(request.rule_packs), [])
        with self.assertRaisesRegex(ValueError, "--pack all"):
            self.client.audit_request("n1", packs=["all", "cn"])

    def test_params_are_read_as_the_cli_reads_them(self):
        self.assertEqual(tiersight_client.parse_params(["cn.join_share=0.5", "us-ftc.x=1"]),
                         {"cn.join_share": "0.5", "us-ftc.x": "1"})
        for bad in ["cn.join_share", "join_share=0.5", ".x=1", "cn.=1", "cn.x="]:
            with self.assertRaisesRegex(ValueError, "PACK.NAME=VALUE"):
                tiersight_client.parse_params([bad])
        with self.assertRaisesRegex(ValueError, "given twice"):
            tiersight_client.parse_params(["cn.x=1", "cn.x=2"])

    def test_a_malformed_param_is_a_usage_error(self):
        with self.assertRaises(SystemExit) as exit:
            tiersight_client.main(["--server", "127.0.0.1:1", "--stubs", STUBS, "audit", "n1",
                                   "--param", "nonsense"])
        self.assertEqual(exit.exception.code, 2)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])

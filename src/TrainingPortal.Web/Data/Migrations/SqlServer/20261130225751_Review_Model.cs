using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Review_Model : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "WorkExperience",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "WorkExperience",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "TrainingHours",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextVersion",
                table: "SignedAttestations",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "RscLog",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "Memberships",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "Memberships",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "LeadershipActivities",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "LeadershipActivities",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NotAcceptedReason",
                table: "Degrees",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EnrollmentId = table.Column<int>(type: "int", nullable: false),
                    Section = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AuthorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationComments_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApplicationComments_Enrollments_EnrollmentId",
                        column: x => x.EnrollmentId,
                        principalTable: "Enrollments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EndorsementApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EnrollmentId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Snapshot = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ReturnedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReturnedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ReturnNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EndorsementApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EndorsementApplications_Enrollments_EnrollmentId",
                        column: x => x.EnrollmentId,
                        principalTable: "Enrollments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationComments_AuthorId",
                table: "ApplicationComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationComments_EnrollmentId_Section",
                table: "ApplicationComments",
                columns: new[] { "EnrollmentId", "Section" });

            migrationBuilder.CreateIndex(
                name: "IX_EndorsementApplications_EnrollmentId",
                table: "EndorsementApplications",
                column: "EnrollmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EndorsementApplications_Status_SubmittedUtc",
                table: "EndorsementApplications",
                columns: new[] { "Status", "SubmittedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationComments");

            migrationBuilder.DropTable(
                name: "EndorsementApplications");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "WorkExperience");

            migrationBuilder.DropColumn(
                name: "Verified",
                table: "WorkExperience");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "TrainingHours");

            migrationBuilder.DropColumn(
                name: "TextVersion",
                table: "SignedAttestations");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "RscLog");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "Verified",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "LeadershipActivities");

            migrationBuilder.DropColumn(
                name: "Verified",
                table: "LeadershipActivities");

            migrationBuilder.DropColumn(
                name: "NotAcceptedReason",
                table: "Degrees");
        }
    }
}
